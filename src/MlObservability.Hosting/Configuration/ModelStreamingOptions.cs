namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Streaming change detectors of one model (<c>MlMonitoring:Models:N:Streaming</c>), all off by default. The inference
/// thread only queues each value (lock-free, allocation-free); the detectors run in the background evaluation.
/// </summary>
public sealed class ModelStreamingOptions
{
    /// <summary>Page-Hinkley or CUSUM on the confidence of each classification (label-free).</summary>
    public SequentialStreamOptions Confidence { get; set; } = new();

    /// <summary>Page-Hinkley or CUSUM on the duration in seconds of each successful inference.</summary>
    public SequentialStreamOptions Latency { get; set; } = new();

    /// <summary>ADWIN on the error indicator as labels join.</summary>
    public ErrorStreamOptions Errors { get; set; } = new();

    /// <summary>Values queued per stream between evaluations; further values are dropped and counted
    /// (<c>ml.drift.stream.values{outcome="dropped"}</c>). Default 65,536.</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>Severity of an evaluation that saw a change. Default <see cref="MlObservability.Severity.Warning"/>.</summary>
    public Severity ChangeSeverity { get; set; } = Severity.Warning;

    /// <summary>Whether any stream is watched.</summary>
    internal bool AnyEnabled => Confidence.Enabled || Latency.Enabled || Errors.Enabled;
}
