using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// The metrics a model reached at validation time, and how far each may fall before it is reported as decay. Leave a
/// metric <see langword="null"/> to not watch it. Defaults follow the seeds: accuracy and ROC AUC 0.05 absolute,
/// precision/recall/F1 0.10 absolute; critical at twice the threshold.
/// </summary>
public sealed record QualityBaseline
{
    /// <summary>Baseline accuracy (also the reference of the label-free estimate and of per-segment accuracy).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Baseline macro precision.</summary>
    public double? MacroPrecision { get; init; }

    /// <summary>Baseline macro recall.</summary>
    public double? MacroRecall { get; init; }

    /// <summary>Baseline macro F1.</summary>
    public double? MacroF1 { get; init; }

    /// <summary>Baseline ROC AUC (binary models).</summary>
    public double? RocAuc { get; init; }

    /// <summary>Baseline mean absolute error (regression); decay is an increase.</summary>
    public double? MeanAbsoluteError { get; init; }

    /// <summary>Per-segment baseline accuracies; segments not listed use <see cref="Accuracy"/>.</summary>
    public IReadOnlyDictionary<string, double> SegmentAccuracy { get; init; } = new Dictionary<string, double>();

    /// <summary>Absolute drop of accuracy (and of the label-free estimate, and per segment) reported as decay; default 0.05.</summary>
    public double AccuracyDropThreshold { get; init; } = 0.05;

    /// <summary>Absolute drop of macro precision, recall or F1 reported as decay; default 0.10.</summary>
    public double PrecisionRecallDropThreshold { get; init; } = 0.10;

    /// <summary>Absolute drop of ROC AUC reported as decay; default 0.05.</summary>
    public double RocAucDropThreshold { get; init; } = 0.05;

    /// <summary>Relative increase of the mean absolute error reported as decay; default 0.20 (20 %).</summary>
    public double ErrorIncreaseThreshold { get; init; } = 0.20;

    /// <summary>A decay of at least this many thresholds is critical; default 2.</summary>
    public double CriticalMultiplier { get; init; } = 2.0;

    /// <summary>One-sided significance level of the tests (exact binomial for accuracy, Hanley-McNeil for AUC); default 0.05.</summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>Fewest labelled predictions before any decay is reported; default 30.</summary>
    public int MinimumLabels { get; init; } = 30;

    internal void Validate()
    {
        foreach (var (name, value) in new (string, double?)[]
                 {
                     (nameof(Accuracy), Accuracy), (nameof(MacroPrecision), MacroPrecision), (nameof(MacroRecall), MacroRecall),
                     (nameof(MacroF1), MacroF1), (nameof(RocAuc), RocAuc),
                 })
        {
            if (value is { } v)
            {
                Guard.InRange(v, 0.0, 1.0, name);
            }
        }

        foreach (var (segment, value) in SegmentAccuracy)
        {
            Guard.InRange(value, 0.0, 1.0, $"{nameof(SegmentAccuracy)}[{segment}]");
        }

        if (MeanAbsoluteError is { } mae)
        {
            Guard.PositiveFinite(mae, nameof(MeanAbsoluteError));
        }

        Guard.InRange(AccuracyDropThreshold, 1e-6, 1.0, nameof(AccuracyDropThreshold));
        Guard.InRange(PrecisionRecallDropThreshold, 1e-6, 1.0, nameof(PrecisionRecallDropThreshold));
        Guard.InRange(RocAucDropThreshold, 1e-6, 1.0, nameof(RocAucDropThreshold));
        Guard.PositiveFinite(ErrorIncreaseThreshold, nameof(ErrorIncreaseThreshold));
        Guard.InRange(CriticalMultiplier, 1.0, 100.0, nameof(CriticalMultiplier));
        Guard.InRange(SignificanceLevel, 1e-9, 0.5, nameof(SignificanceLevel));
        Guard.InRange(MinimumLabels, 1, 1_000_000, nameof(MinimumLabels));
    }
}
