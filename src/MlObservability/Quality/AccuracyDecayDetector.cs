using System.Globalization;
using MathNet.Numerics.Distributions;
using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// Compares rolling quality metrics with a <see cref="QualityBaseline"/>. A metric decays when it is worse than baseline by
/// at least its threshold; the finding is a warning when also significant (accuracy: exact one-sided binomial test of the
/// correct count against the baseline accuracy; ROC AUC: Hanley-McNeil normal test; other metrics have no test and need
/// only the threshold and <see cref="QualityBaseline.MinimumLabels"/>), critical past
/// <see cref="QualityBaseline.CriticalMultiplier"/> thresholds, and info when past the threshold but not yet significant.
/// </summary>
public sealed class AccuracyDecayDetector
{
    /// <summary>Creates a detector.</summary>
    /// <param name="baseline">The baseline; validated here.</param>
    public AccuracyDecayDetector(QualityBaseline baseline)
    {
        Baseline = Guard.NotNull(baseline);
        baseline.Validate();
    }

    /// <summary>The baseline.</summary>
    public QualityBaseline Baseline { get; }

    /// <summary>Findings for a classification report (one per metric with a baseline).</summary>
    /// <param name="report">The rolling report.</param>
    /// <param name="segment">The segment it covers, or <see langword="null"/> for the whole model.</param>
    /// <returns>The findings, severity <see cref="Severity.None"/> included.</returns>
    public IReadOnlyList<DecayFinding> Evaluate(ClassificationReport report, string? segment = null)
    {
        Guard.NotNull(report);
        var findings = new List<DecayFinding>();
        double? accuracyBaseline = segment is not null && Baseline.SegmentAccuracy.TryGetValue(segment, out double s) ? s : Baseline.Accuracy;
        if (accuracyBaseline is { } acc)
        {
            double p = report.Count == 0 ? double.NaN : Binomial.CDF(acc, report.Count, report.Correct);
            findings.Add(Judge("accuracy", segment, acc, report.Accuracy, Baseline.AccuracyDropThreshold, p, report.Count));
        }

        if (segment is null)
        {
            Add(findings, "precision", Baseline.MacroPrecision, report.MacroPrecision, Baseline.PrecisionRecallDropThreshold, report.Count);
            Add(findings, "recall", Baseline.MacroRecall, report.MacroRecall, Baseline.PrecisionRecallDropThreshold, report.Count);
            Add(findings, "f1", Baseline.MacroF1, report.MacroF1, Baseline.PrecisionRecallDropThreshold, report.Count);
            if (Baseline.RocAuc is { } auc)
            {
                long positives = report.Classes.Where(c => c.ClassIndex == 1).Sum(c => c.Support);
                long negatives = report.Count - positives;
                findings.Add(Judge("roc_auc", null, auc, report.RocAuc, Baseline.RocAucDropThreshold, HanleyMcNeilPValue(auc, report.RocAuc, positives, negatives), report.Count));
            }
        }

        return findings;
    }

    /// <summary>Finding for a regression report (mean absolute error against its baseline).</summary>
    /// <param name="report">The rolling report.</param>
    /// <param name="segment">The segment, or <see langword="null"/>.</param>
    /// <returns>The finding, or <see langword="null"/> when no MAE baseline is set.</returns>
    public DecayFinding? Evaluate(RegressionReport report, string? segment = null)
    {
        Guard.NotNull(report);
        if (Baseline.MeanAbsoluteError is not { } mae)
        {
            return null;
        }

        double increase = (report.MeanAbsoluteError - mae) / mae;
        return Classify("mae", segment, mae, report.MeanAbsoluteError, increase, Baseline.ErrorIncreaseThreshold, double.NaN, report.Count);
    }

    /// <summary>Finding for the label-free accuracy estimate against the baseline accuracy (threshold only, no test).</summary>
    /// <param name="estimatedAccuracy">The estimate.</param>
    /// <param name="predictions">Predictions behind the estimate.</param>
    /// <returns>The finding, or <see langword="null"/> when no accuracy baseline is set.</returns>
    public DecayFinding? EvaluateEstimate(double estimatedAccuracy, long predictions) =>
        Baseline.Accuracy is { } acc
            ? Judge("accuracy_estimated", null, acc, estimatedAccuracy, Baseline.AccuracyDropThreshold, double.NaN, predictions)
            : null;

    /// <summary>One-sided p-value that an AUC this low arises from a model whose true AUC is the baseline (Hanley and McNeil, 1982).</summary>
    internal static double HanleyMcNeilPValue(double baselineAuc, double auc, long positives, long negatives)
    {
        if (double.IsNaN(auc) || positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        double a = Math.Clamp(baselineAuc, 1e-9, 1 - 1e-9);
        double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
        double variance = ((a * (1 - a)) + ((positives - 1) * (q1 - (a * a))) + ((negatives - 1) * (q2 - (a * a)))) / ((double)positives * negatives);
        return variance <= 0 ? double.NaN : Normal.CDF(0, 1, (auc - a) / Math.Sqrt(variance));
    }

    private void Add(List<DecayFinding> findings, string metric, double? baseline, double current, double threshold, long n)
    {
        if (baseline is { } b)
        {
            findings.Add(Judge(metric, null, b, current, threshold, double.NaN, n));
        }
    }

    private DecayFinding Judge(string metric, string? segment, double baseline, double current, double threshold, double pValue, long n) =>
        Classify(metric, segment, baseline, current, baseline - current, threshold, pValue, n);

    private DecayFinding Classify(string metric, string? segment, double baseline, double current, double decay, double threshold, double pValue, long n)
    {
        Severity severity;
        string why;
        if (n < Baseline.MinimumLabels || double.IsNaN(current))
        {
            severity = Severity.None;
            why = $"not enough data ({n} of {Baseline.MinimumLabels})";
        }
        else if (decay < threshold)
        {
            severity = Severity.None;
            why = "within threshold";
        }
        else if (!double.IsNaN(pValue) && pValue >= Baseline.SignificanceLevel)
        {
            severity = Severity.Info;
            why = string.Create(CultureInfo.InvariantCulture, $"past threshold but not significant (p={pValue:G3})");
        }
        else
        {
            severity = decay >= threshold * Baseline.CriticalMultiplier ? Severity.Critical : Severity.Warning;
            why = double.IsNaN(pValue) ? "past threshold" : string.Create(CultureInfo.InvariantCulture, $"significant (p={pValue:G3})");
        }

        string where = segment is null ? string.Empty : $" in segment {segment}";
        return new DecayFinding
        {
            Metric = metric,
            Segment = segment,
            Severity = severity,
            Baseline = baseline,
            Current = current,
            Decay = decay,
            Threshold = threshold,
            PValue = pValue,
            SampleSize = n,
            Summary = string.Create(CultureInfo.InvariantCulture, $"{metric}{where} {current:F4} vs baseline {baseline:F4} (n={n}): {why}"),
        };
    }
}
