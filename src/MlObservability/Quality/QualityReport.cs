namespace MlObservability.Quality;

/// <summary>The result of one <see cref="QualityMonitor.Evaluate"/> pass: rolling metrics, the label-free estimate and decay findings.</summary>
public sealed class QualityReport
{
    /// <summary>An empty report (before the first evaluation).</summary>
    public static QualityReport Empty { get; } = new();

    /// <summary>When it was computed.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Classification metrics over the last <see cref="QualityMonitorOptions.RollingWindowSize"/> labelled predictions (these feed the gauges).</summary>
    public ClassificationReport Classification { get; init; } = ClassificationReport.Empty;

    /// <summary>Classification metrics over labelled predictions made within <see cref="QualityMonitorOptions.MetricsTimeWindow"/>.</summary>
    public ClassificationReport ClassificationTimeWindow { get; init; } = ClassificationReport.Empty;

    /// <summary>Classification metrics per segment, over the last N labelled predictions.</summary>
    public IReadOnlyDictionary<string, ClassificationReport> Segments { get; init; } = new Dictionary<string, ClassificationReport>();

    /// <summary>Regression metrics over the last N labelled predictions.</summary>
    public RegressionReport Regression { get; init; } = RegressionReport.Empty;

    /// <summary>Regression metrics over labelled predictions made within the time window.</summary>
    public RegressionReport RegressionTimeWindow { get; init; } = RegressionReport.Empty;

    /// <summary>Regression metrics per segment, over the last N labelled predictions.</summary>
    public IReadOnlyDictionary<string, RegressionReport> RegressionSegments { get; init; } = new Dictionary<string, RegressionReport>();

    /// <summary>Label-free estimate of the accuracy of the predictions in the recent window that have a confidence (NaN
    /// without such predictions).</summary>
    public double EstimatedAccuracy { get; init; } = double.NaN;

    /// <summary>Classifications with a confidence in the recent window (those behind <see cref="EstimatedAccuracy"/> and
    /// <see cref="LowConfidenceShare"/>; predictions recorded without one are not counted here).</summary>
    public long RecentPredictions { get; init; }

    /// <summary>Share of recent classifications with a confidence that are below the low-confidence threshold (NaN without
    /// such predictions).</summary>
    public double LowConfidenceShare { get; init; } = double.NaN;

    /// <summary>Decay findings, one per watched metric (and segment), severity none included.</summary>
    public IReadOnlyList<DecayFinding> Findings { get; init; } = [];
}
