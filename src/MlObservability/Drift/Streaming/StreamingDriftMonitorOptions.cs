namespace MlObservability.Drift.Streaming;

/// <summary>Configuration of a <see cref="StreamingDriftMonitor"/>.</summary>
public sealed class StreamingDriftMonitorOptions
{
    /// <summary>The most values waiting for the next evaluation (rounded up to a power of two); further values are
    /// dropped and counted (<c>ml.drift.stream.values{outcome="dropped"}</c>). Default 65,536 (1 MiB).</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>The severity of the event raised by an evaluation that saw a change. Default
    /// <see cref="Severity.Warning"/>.</summary>
    public Severity ChangeSeverity { get; set; } = Severity.Warning;

    internal void Validate()
    {
        if (QueueCapacity is < 2 or > (1 << 26))
        {
            throw new ArgumentException($"StreamingDriftMonitor: QueueCapacity must be between 2 and 67,108,864 values; got {QueueCapacity}.");
        }

        if (ChangeSeverity is < Severity.Info or > Severity.Critical)
        {
            throw new ArgumentException($"StreamingDriftMonitor: ChangeSeverity must be Info, Warning or Critical; got {ChangeSeverity}.");
        }
    }
}
