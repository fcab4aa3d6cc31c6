namespace MlObservability.Quality;

/// <summary>
/// Computes a <see cref="ClassificationReport"/> from parallel arrays of true classes, predicted classes and
/// predicted-class confidences. Runs off the hot path (evaluation); allocates only the report.
/// </summary>
internal static class ClassificationMetricsCalculator
{
    /// <summary>Number of equal-width bins of the expected calibration error.</summary>
    public const int CalibrationBins = 10;

    /// <summary>Clipping of probabilities in the log loss, as scikit-learn's <c>eps="auto"</c> for float64.</summary>
    public const double LogLossEpsilon = 2.220446049250313e-16;

    /// <param name="trueClasses">True class index of each labelled prediction.</param>
    /// <param name="predictedClasses">Predicted class index of each.</param>
    /// <param name="confidences">Confidence of the predicted class, in [0, 1].</param>
    /// <param name="classSlots">Number of class indexes (all indexes are below it).</param>
    /// <param name="binary">Whether the model is binary (class 1 positive): enables ROC AUC, log loss and Brier score.</param>
    /// <param name="nameOf">The label of a class index.</param>
    public static ClassificationReport Compute(
        ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, ReadOnlySpan<double> confidences,
        int classSlots, bool binary, Func<int, string> nameOf)
    {
        int n = trueClasses.Length;
        if (n == 0)
        {
            return ClassificationReport.Empty;
        }

        var confusion = new long[classSlots, classSlots];
        long correct = 0;
        double confidenceSum = 0;
        Span<double> binGap = stackalloc double[CalibrationBins];
        binGap.Clear();
        for (int i = 0; i < n; i++)
        {
            int t = trueClasses[i], p = predictedClasses[i];
            confusion[t, p]++;
            bool hit = t == p;
            if (hit)
            {
                correct++;
            }

            double c = confidences[i];
            confidenceSum += c;
            binGap[CalibrationBin(c)] += (hit ? 1.0 : 0.0) - c;
        }

        double ece = 0;
        foreach (double gap in binGap)
        {
            ece += Math.Abs(gap);
        }

        ece /= n;

        var present = new List<int>();
        for (int k = 0; k < classSlots; k++)
        {
            long row = 0, column = 0;
            for (int j = 0; j < classSlots; j++)
            {
                row += confusion[k, j];
                column += confusion[j, k];
            }

            if (row + column > 0)
            {
                present.Add(k);
            }
        }

        var classes = new ClassMetrics[present.Count];
        var matrix = new IReadOnlyList<long>[present.Count];
        for (int a = 0; a < present.Count; a++)
        {
            int k = present[a];
            long tp = confusion[k, k], predicted = 0, actual = 0;
            var row = new long[present.Count];
            for (int b = 0; b < present.Count; b++)
            {
                row[b] = confusion[k, present[b]];
            }

            for (int j = 0; j < classSlots; j++)
            {
                actual += confusion[k, j];
                predicted += confusion[j, k];
            }

            double precision = predicted == 0 ? 0 : (double)tp / predicted;
            double recall = actual == 0 ? 0 : (double)tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes[a] = new ClassMetrics(k, nameOf(k), precision, recall, f1, actual);
            matrix[a] = row;
        }

        double auc = double.NaN, logLoss = double.NaN, brier = double.NaN;
        if (binary)
        {
            ComputeBinary(trueClasses, predictedClasses, confidences, out auc, out logLoss, out brier);
        }

        return new ClassificationReport(n, correct, classes, matrix, auc, logLoss, brier, ece, confidenceSum / n);
    }

    /// <summary>The calibration bin of a confidence: min(⌊c·bins⌋, bins − 1).</summary>
    public static int CalibrationBin(double confidence) => Math.Clamp((int)Math.Floor(confidence * CalibrationBins), 0, CalibrationBins - 1);

    /// <summary>P(class 1) of a binary prediction, from the predicted class and its confidence.</summary>
    public static double PositiveProbability(int predictedClass, double confidence) => predictedClass == 1 ? confidence : 1.0 - confidence;

    private static void ComputeBinary(
        ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, ReadOnlySpan<double> confidences,
        out double auc, out double logLoss, out double brier)
    {
        int n = trueClasses.Length;
        var scores = new double[n];
        var positive = new bool[n];
        double lossSum = 0, brierSum = 0;
        long positives = 0;
        for (int i = 0; i < n; i++)
        {
            double p1 = PositiveProbability(predictedClasses[i], confidences[i]);
            bool y = trueClasses[i] == 1;
            scores[i] = p1;
            positive[i] = y;
            positives += y ? 1 : 0;

            // As scikit-learn: clip each column, renormalise the row, take the true column.
            double c1 = Math.Clamp(p1, LogLossEpsilon, 1 - LogLossEpsilon);
            double c0 = Math.Clamp(1.0 - p1, LogLossEpsilon, 1 - LogLossEpsilon);
            lossSum -= Math.Log((y ? c1 : c0) / (c0 + c1));
            double d = (y ? 1.0 : 0.0) - p1;
            brierSum += d * d;
        }

        logLoss = lossSum / n;
        brier = brierSum / n;
        long negatives = n - positives;
        auc = positives == 0 || negatives == 0 ? double.NaN : MannWhitneyAuc(scores, positive, positives, negatives);
    }

    /// <summary>ROC AUC as the Mann-Whitney statistic with tied scores given their average rank (equal to the trapezoidal ROC area).</summary>
    private static double MannWhitneyAuc(double[] scores, bool[] positive, long positives, long negatives)
    {
        Array.Sort(scores, positive);
        double positiveRankSum = 0;
        int i = 0;
        while (i < scores.Length)
        {
            int j = i;
            while (j + 1 < scores.Length && scores[j + 1] == scores[i])
            {
                j++;
            }

            double averageRank = ((i + 1) + (j + 1)) / 2.0;
            for (int k = i; k <= j; k++)
            {
                if (positive[k])
                {
                    positiveRankSum += averageRank;
                }
            }

            i = j + 1;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
