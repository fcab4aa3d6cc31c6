namespace MlObservability.Quality;

/// <summary>
/// The one implementation of the quality figures from fleet counters, in the same arithmetic as the generated fleet
/// recording rules (<c>FleetQualityRules</c>): the library's in-process figures from a monitor's own counters, the
/// promtool scenario's expected values over three replicas' union, and the scikit-learn agreement tests all use it.
/// Counts are doubles because a window's counts are differences of counters (Prometheus's <c>increase</c>).
/// </summary>
internal static class FleetQualityStatistics
{
    /// <summary>Every figure from a snapshot.</summary>
    /// <param name="s">The counts.</param>
    /// <returns>The figures.</returns>
    public static FleetQualityFigures Compute(FleetQualitySnapshot s)
    {
        static double[] D(long[] a) => Array.ConvertAll(a, v => (double)v);
        var classes = Classes(D(s.TrueCounts), D(s.PredictedCounts), D(s.CorrectCounts));
        double labelled = s.TrueCounts.Sum();
        return new FleetQualityFigures(
            labelled,
            Accuracy(D(s.CorrectCounts), D(s.TrueCounts)),
            classes,
            classes.Count == 0 ? double.NaN : classes.Average(c => c.F1),
            RocAuc(D(s.NegativeScores), D(s.PositiveScores)),
            RocAucBinningBound(D(s.NegativeScores), D(s.PositiveScores)),
            ExpectedCalibrationError(D(s.CalibrationCounts), D(s.CalibrationCorrect), s.CalibrationConfidence),
            s.RegressionCount,
            s.RegressionCount == 0 ? double.NaN : s.AbsoluteErrorSum / s.RegressionCount,
            s.RegressionCount == 0 ? double.NaN : Math.Sqrt(s.SquaredErrorSum / s.RegressionCount),
            s.RegressionCount == 0 ? double.NaN : s.PercentageErrorSum / s.RegressionCount);
    }

    /// <summary>Σ correct / Σ labelled (NaN without labels).</summary>
    /// <param name="correct">Correct per class.</param>
    /// <param name="labelled">Labelled per true class.</param>
    /// <returns>The accuracy.</returns>
    public static double Accuracy(ReadOnlySpan<double> correct, ReadOnlySpan<double> labelled)
    {
        double c = 0, n = 0;
        foreach (double v in correct)
        {
            c += v;
        }

        foreach (double v in labelled)
        {
            n += v;
        }

        return n > 0 ? c / n : double.NaN;
    }

    /// <summary>Precision, recall and F1 of every class labelled or predicted at least once (scikit-learn's labels of
    /// <c>precision_recall_fscore_support</c>, <c>zero_division=0</c>); F1 as 2·tp / (labelled + predicted), which is
    /// 2PR/(P+R) and 0 where tp is 0.</summary>
    /// <param name="labelled">Labelled per true class.</param>
    /// <param name="predicted">Labelled per predicted class.</param>
    /// <param name="correct">Correct per class.</param>
    /// <returns>The present classes' figures, by class index.</returns>
    public static IReadOnlyList<FleetClassFigures> Classes(double[] labelled, double[] predicted, double[] correct)
    {
        var result = new List<FleetClassFigures>();
        for (int k = 0; k < labelled.Length; k++)
        {
            double l = labelled[k], p = predicted[k], tp = correct[k];
            if (l + p > 0)
            {
                result.Add(new FleetClassFigures(k, p > 0 ? tp / p : 0, l > 0 ? tp / l : 0, 2 * tp / (l + p), l));
            }
        }

        return result;
    }

    /// <summary>ROC AUC from P(class 1) counted in equal-width bins per true class: the probability that a positive
    /// scores above a negative, pairs in the same bin counted half, as 1 − Σ_b n_b (C⁺_b + C⁺_{b−1}) / (2 P N) with C⁺
    /// the positives' cumulative counts (the generated rule's form). NaN without both classes.</summary>
    /// <param name="negatives">True class 0 per bin.</param>
    /// <param name="positives">True class 1 per bin.</param>
    /// <returns>The binned AUC.</returns>
    public static double RocAuc(ReadOnlySpan<double> negatives, ReadOnlySpan<double> positives)
    {
        double p = 0, n = 0;
        for (int b = 0; b < negatives.Length; b++)
        {
            p += positives[b];
            n += negatives[b];
        }

        if (p <= 0 || n <= 0)
        {
            return double.NaN;
        }

        double sum = 0, cumulative = 0;
        for (int b = 0; b < negatives.Length; b++)
        {
            double previous = cumulative;
            cumulative += positives[b];
            sum += negatives[b] * (cumulative + previous);
        }

        return 1 - (sum / (2 * p * n));
    }

    /// <summary>The most the binned AUC can differ from the exact AUC over the same predictions: only pairs of a
    /// negative and a positive in the same bin can be ordered differently, and each counted half. Σ_b n_b p_b / (2 P N).</summary>
    /// <param name="negatives">True class 0 per bin.</param>
    /// <param name="positives">True class 1 per bin.</param>
    /// <returns>The bound (NaN without both classes).</returns>
    public static double RocAucBinningBound(ReadOnlySpan<double> negatives, ReadOnlySpan<double> positives)
    {
        double p = 0, n = 0, same = 0;
        for (int b = 0; b < negatives.Length; b++)
        {
            p += positives[b];
            n += negatives[b];
            same += positives[b] * negatives[b];
        }

        return p > 0 && n > 0 ? same / (2 * p * n) : double.NaN;
    }

    /// <summary>Expected calibration error: Σ_b |correct_b − Σ confidence_b| / Σ_b count_b (the in-process formula;
    /// exact, since the bins are the in-process ones). NaN without confidences.</summary>
    /// <param name="counts">Predictions with a confidence per bin.</param>
    /// <param name="correct">Correct ones per bin.</param>
    /// <param name="confidenceSums">Confidence sums per bin.</param>
    /// <returns>The ECE.</returns>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> counts, ReadOnlySpan<double> correct, ReadOnlySpan<double> confidenceSums)
    {
        double n = 0, gap = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            n += counts[b];
            gap += Math.Abs(correct[b] - confidenceSums[b]);
        }

        return n > 0 ? gap / n : double.NaN;
    }
}
