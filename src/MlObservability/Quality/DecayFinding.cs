namespace MlObservability.Quality;

/// <summary>The outcome of comparing one quality metric with its baseline.</summary>
public sealed record DecayFinding
{
    /// <summary>The metric: <c>accuracy</c>, <c>accuracy_estimated</c>, <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>roc_auc</c> or <c>mae</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The segment, or <see langword="null"/> for the whole model.</summary>
    public string? Segment { get; init; }

    /// <summary>How serious: none, info (past the threshold but not significant), warning, critical (past the critical multiple and significant).</summary>
    public required Severity Severity { get; init; }

    /// <summary>The baseline value.</summary>
    public double Baseline { get; init; }

    /// <summary>The current value.</summary>
    public double Current { get; init; }

    /// <summary>How much worse than baseline (a drop; for <c>mae</c>, the relative increase).</summary>
    public double Decay { get; init; }

    /// <summary>The decay threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>One-sided p-value of "no worse than baseline"; NaN where no test applies (precision, recall, F1, MAE, estimate).</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>Labelled predictions (or, for the estimate, predictions) behind the current value.</summary>
    public long SampleSize { get; init; }

    /// <summary>A one-line summary.</summary>
    public string Summary { get; init; } = string.Empty;
}
