using MlObservability.Quality;

namespace MlObservability.Hosting.Configuration;

/// <summary>Output tracking, ground-truth sampling and rolling quality metrics of one model (<c>MlMonitoring:Models:N:Quality</c>).</summary>
public sealed class ModelQualityOptions
{
    /// <summary>Whether the model gets a quality monitor. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Class names by index, so models that output indexes report names; empty when labels are given as strings.</summary>
    public IList<string> ClassLabels { get; } = new List<string>();

    /// <summary>Accuracy measured at validation; quality decay is detected against it. None when <see langword="null"/>.</summary>
    public double? BaselineAccuracy { get; set; }

    /// <summary>Confidence under which a prediction counts as low-confidence. Default 0.7 (the seeds' value).</summary>
    public double LowConfidenceThreshold { get; set; } = 0.7;

    /// <summary>Share of predictions kept for a late ground-truth label, deterministic by request id. Default 0.1.</summary>
    public double SamplingRate { get; set; } = 0.1;

    /// <summary>How long a sampled prediction waits for its label. Default 7 days.</summary>
    public TimeSpan PendingTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Labelled predictions the rolling metrics cover. Default 1,000.</summary>
    public int RollingWindowSize { get; set; } = 1_000;

    /// <summary>Window of the low-confidence share and the label-free accuracy estimate. Default 1 hour.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>This model's pending store (<c>InProcess</c> or <c>Redis</c>); <see langword="null"/> (default) takes
    /// <c>MlMonitoring:Quality:PendingStore</c>.</summary>
    public string? PendingStore { get; set; }

    /// <summary>A JSON-lines file that sampled predictions are appended to for a labelling tool; none when <see langword="null"/>.</summary>
    public string? ReviewFile { get; set; }

    internal QualityMonitorOptions ToMonitorOptions(TimeProvider timeProvider, IPendingPredictionStoreFactory? pendingStore = null) => new()
    {
        PendingStore = pendingStore,
        ClassLabels = ClassLabels.Count > 0 ? ClassLabels.ToArray() : null,
        Baseline = BaselineAccuracy is { } accuracy ? new QualityBaseline { Accuracy = accuracy } : null,
        LowConfidenceThreshold = LowConfidenceThreshold,
        Sampling = new GroundTruthSamplingOptions { Rate = SamplingRate },
        PendingTimeToLive = PendingTimeToLive,
        RollingWindowSize = RollingWindowSize,
        RecentWindow = RecentWindow,
        TimeProvider = timeProvider,
    };
}
