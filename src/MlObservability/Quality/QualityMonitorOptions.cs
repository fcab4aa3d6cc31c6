using MlObservability.Diagnostics;
using MlObservability.Histograms;

namespace MlObservability.Quality;

/// <summary>Settings of a <see cref="QualityMonitor"/>; validated when it is built, with a message that says what to fix.</summary>
public sealed record QualityMonitorOptions
{
    /// <summary>
    /// Class names by index (index i is <c>ClassLabels[i]</c>), so models that output indexes (ONNX) report names. Two
    /// labels make the model binary (index 1 positive), enabling ROC AUC, log loss and Brier score. Labels given by name
    /// that are not listed get the next free indexes, up to <see cref="MaxClasses"/>.
    /// </summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>Most distinct classes tracked (at least the number of <see cref="ClassLabels"/>); later ones are reported as <c>other</c>. Default 64.</summary>
    public int MaxClasses { get; init; } = 64;

    /// <summary>Most distinct segments tracked; later ones are reported as <c>other</c>. Default 32.</summary>
    public int MaxSegments { get; init; } = 32;

    /// <summary>Confidence below which a prediction counts as low confidence; default 0.7 (the seeds' value).</summary>
    public double LowConfidenceThreshold { get; init; } = 0.7;

    /// <summary>Ground-truth sampling settings.</summary>
    public GroundTruthSamplingOptions Sampling { get; init; } = new();

    /// <summary>Most sampled predictions waiting for a label; the oldest is evicted when full. Default 100,000.</summary>
    public int PendingCapacity { get; init; } = 100_000;

    /// <summary>How long a sampled prediction waits for its label before it expires. Default 7 days.</summary>
    public TimeSpan PendingTimeToLive { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Most bytes (estimated: each entry's fixed cost plus two bytes per id character, and the remembered
    /// hashes of recently joined or dropped ids) that sampled predictions waiting for a label may hold; past it the oldest
    /// is evicted and counted (<c>ml.quality.pending.evicted{reason="bytes"}</c>). At least 64 KiB; default 64 MiB.</summary>
    public long PendingMaxBytes { get; init; } = DefaultPendingMaxBytes;

    /// <summary>Where sampled predictions wait for their labels: <see langword="null"/> (default) keeps them in this process
    /// (<see cref="PendingPredictionStore"/>, bounded by <see cref="PendingCapacity"/> and <see cref="PendingMaxBytes"/>);
    /// a shared store (<c>MlObservability.Redis</c>) lets a label join on any replica of a fleet.</summary>
    public IPendingPredictionStoreFactory? PendingStore { get; init; }

    /// <summary>N of the "last N labelled predictions" metrics (the exported gauges). Default 1,000.</summary>
    public int RollingWindowSize { get; init; } = 1_000;

    /// <summary>Labelled predictions kept in memory (at least <see cref="RollingWindowSize"/>); bounds the time-window metrics. Default 10,000.</summary>
    public int LabelRetention { get; init; } = 10_000;

    /// <summary>The time window of the time-window metrics (by prediction time). Default 1 day.</summary>
    public TimeSpan MetricsTimeWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The recent window of the confidence quantiles, the low-confidence share and the label-free estimate. Default 1 hour.</summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Sub-windows of <see cref="RecentWindow"/> (2 to 1,440); old predictions leave the window one sub-window at a time. Default 12.</summary>
    public int RecentSubWindows { get; init; } = 12;

    /// <summary>Quantiles exported by <c>ml.prediction.confidence.quantile</c> and <c>ml.prediction.value.quantile</c>.</summary>
    public IReadOnlyList<double> ExportedQuantiles { get; init; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>Range and accuracy of the regression value histogram; negatives allowed by default.</summary>
    public LogHistogramOptions RegressionValueHistogram { get; init; } = new() { AllowNegativeValues = true, MinValue = 1e-9, MaxValue = 1e15 };

    /// <summary>Baseline metrics and decay thresholds; no decay detection when <see langword="null"/>.</summary>
    public QualityBaseline? Baseline { get; init; }

    /// <summary>
    /// Labelled predictions the label-free estimate's calibration is fitted on (the first ones, assumed healthy); 0 trusts
    /// the model's confidences as calibrated. Default 500.
    /// </summary>
    public int CalibrationReferenceSize { get; init; } = 500;

    /// <summary>Clock and timers; <see cref="TimeProvider.System"/> when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// The error-indicator stream of label-driven change detection (ADWIN, for example): each classification label that
    /// joins its prediction records 1 (the prediction was wrong) or 0 (right) into it, in join order. A queue write,
    /// lock-free and allocation-free. Regression labels are not recorded. None when <see langword="null"/>.
    /// </summary>
    public Drift.Streaming.StreamingDriftMonitor? ErrorStream { get; init; }

    internal void Validate()
    {
        if (ClassLabels is not null)
        {
            if (ClassLabels.Count == 0 || ClassLabels.Any(string.IsNullOrWhiteSpace) || ClassLabels.Distinct(StringComparer.Ordinal).Count() != ClassLabels.Count)
            {
                throw new ArgumentException($"{nameof(ClassLabels)} must be non-empty, distinct, non-blank names (index i is label i).", nameof(ClassLabels));
            }

            if (ClassLabels.Count > MaxClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxClasses), MaxClasses, $"{nameof(MaxClasses)} ({MaxClasses}) must be at least the number of {nameof(ClassLabels)} ({ClassLabels.Count}).");
            }
        }

        Guard.InRange(MaxClasses, 2, 10_000, nameof(MaxClasses));
        Guard.InRange(MaxSegments, 1, 10_000, nameof(MaxSegments));
        Guard.InRange(LowConfidenceThreshold, 0.0, 1.0, nameof(LowConfidenceThreshold));
        Guard.NotNull(Sampling, nameof(Sampling)).Validate();
        Guard.InRange(PendingCapacity, 1, 10_000_000, nameof(PendingCapacity));
        Guard.Positive(PendingTimeToLive, nameof(PendingTimeToLive));
        if (PendingMaxBytes < MinPendingMaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(PendingMaxBytes), PendingMaxBytes, $"{nameof(PendingMaxBytes)} must be at least {MinPendingMaxBytes} (64 KiB).");
        }

        Guard.InRange(RollingWindowSize, 1, 1_000_000, nameof(RollingWindowSize));
        if (LabelRetention < RollingWindowSize || LabelRetention > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(LabelRetention), LabelRetention, $"{nameof(LabelRetention)} must be between {nameof(RollingWindowSize)} ({RollingWindowSize}) and 10,000,000.");
        }

        Guard.Positive(MetricsTimeWindow, nameof(MetricsTimeWindow));
        Guard.Positive(RecentWindow, nameof(RecentWindow));
        Guard.InRange(RecentSubWindows, 2, 1440, nameof(RecentSubWindows));
        Guard.Positive(RecentWindow / RecentSubWindows, nameof(RecentWindow) + " / " + nameof(RecentSubWindows));
        foreach (double q in Guard.NotNull(ExportedQuantiles, nameof(ExportedQuantiles)))
        {
            Guard.InRange(q, 0.0, 1.0, nameof(ExportedQuantiles));
        }

        Guard.NotNull(RegressionValueHistogram, nameof(RegressionValueHistogram)).Validate();
        Baseline?.Validate();
        Guard.InRange(CalibrationReferenceSize, 0, 10_000_000, nameof(CalibrationReferenceSize));
    }

    /// <summary>Default of <see cref="PendingMaxBytes"/>: 64 MiB.</summary>
    internal const long DefaultPendingMaxBytes = 64L << 20;

    /// <summary>Smallest <see cref="PendingMaxBytes"/>: 64 KiB.</summary>
    internal const long MinPendingMaxBytes = 64L << 10;
}
