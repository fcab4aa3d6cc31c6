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
        int classSlots, bool binary, Func<int, string> nameOf) =>
        Compute(trueClasses, predictedClasses, confidences, default, binary ? 2 : 0, classSlots, nameOf);

    /// <param name="trueClasses">True class index of each labelled prediction.</param>
    /// <param name="predictedClasses">Predicted class index of each.</param>
    /// <param name="confidences">Confidence of the predicted class, in [0, 1], or NaN when the prediction had none.</param>
    /// <param name="probabilities">Each prediction's probability vector (class-index order), <see langword="null"/> for
    /// one without; empty when none has one.</param>
    /// <param name="configuredClasses">Number of configured class labels (0 when none): 2 makes the model binary, and
    /// it is the width a probability vector must have.</param>
    /// <param name="classSlots">Number of class indexes (all indexes are below it).</param>
    /// <param name="nameOf">The label of a class index.</param>
    /// <remarks>
    /// Each metric uses the rows that carry what it needs: the calibration error and mean confidence the rows with a
    /// confidence; a binary model's ROC AUC, log loss and Brier score the rows with a vector or a confidence; a
    /// multiclass model's log loss and Brier score the rows with a vector. A metric no row supports is NaN. Without
    /// configured labels, a model whose vectors have two entries is binary.
    /// </remarks>
    public static ClassificationReport Compute(
        ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, ReadOnlySpan<double> confidences,
        ReadOnlySpan<double[]?> probabilities, int configuredClasses, int classSlots, Func<int, string> nameOf)
    {
        int n = trueClasses.Length;
        if (n == 0)
        {
            return ClassificationReport.Empty;
        }

        var confusion = new long[classSlots, classSlots];
        long correct = 0;
        double confidenceSum = 0;
        int confident = 0;
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
            if (!double.IsNaN(c))
            {
                confident++;
                confidenceSum += c;
                binGap[CalibrationBin(c)] += (hit ? 1.0 : 0.0) - c;
            }
        }

        double ece = double.NaN;
        if (confident > 0)
        {
            ece = 0;
            foreach (double gap in binGap)
            {
                ece += Math.Abs(gap);
            }

            ece /= confident;
        }

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
        int width = configuredClasses > 0 ? configuredClasses : FirstVectorWidth(probabilities);
        if (width == 2)
        {
            ComputeBinary(trueClasses, predictedClasses, confidences, probabilities, configuredClasses == 2, out auc, out logLoss, out brier);
        }
        else if (width > 2)
        {
            ComputeMulticlass(trueClasses, probabilities, width, out logLoss, out brier);
        }

        return new ClassificationReport(n, correct, classes, matrix, auc, logLoss, brier, ece, confident == 0 ? double.NaN : confidenceSum / confident);
    }

    private static int FirstVectorWidth(ReadOnlySpan<double[]?> probabilities)
    {
        foreach (var vector in probabilities)
        {
            if (vector is not null)
            {
                return vector.Length;
            }
        }

        return 0;
    }

    /// <summary>The calibration bin of a confidence: min(⌊c·bins⌋, bins − 1).</summary>
    public static int CalibrationBin(double confidence) => Math.Clamp((int)Math.Floor(confidence * CalibrationBins), 0, CalibrationBins - 1);

    /// <summary>P(class 1) of a binary prediction, from the predicted class and its confidence.</summary>
    public static double PositiveProbability(int predictedClass, double confidence) => predictedClass == 1 ? confidence : 1.0 - confidence;

    /// <summary>ROC AUC, log loss and Brier score from P(class 1): a row's vector entry 1, or (when the two class labels
    /// are configured) its confidence turned into P(class 1). Rows with neither, or with a class past 1, are left out.</summary>
    private static void ComputeBinary(
        ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses, ReadOnlySpan<double> confidences,
        ReadOnlySpan<double[]?> probabilities, bool confidenceIsBinary,
        out double auc, out double logLoss, out double brier)
    {
        int n = trueClasses.Length;
        var scores = new double[n];
        var positive = new bool[n];
        double lossSum = 0, brierSum = 0;
        long positives = 0;
        int used = 0;
        for (int i = 0; i < n; i++)
        {
            double[]? vector = probabilities.IsEmpty ? null : probabilities[i];
            double p1 = vector is { Length: 2 } ? vector[1]
                : confidenceIsBinary && !double.IsNaN(confidences[i]) && (uint)predictedClasses[i] <= 1 ? PositiveProbability(predictedClasses[i], confidences[i])
                : double.NaN;
            if (double.IsNaN(p1) || (uint)trueClasses[i] > 1)
            {
                continue;
            }

            bool y = trueClasses[i] == 1;
            scores[used] = p1;
            positive[used] = y;
            used++;
            positives += y ? 1 : 0;

            // As scikit-learn: clip each column, renormalise the row, take the true column.
            double c1 = Math.Clamp(p1, LogLossEpsilon, 1 - LogLossEpsilon);
            double c0 = Math.Clamp(1.0 - p1, LogLossEpsilon, 1 - LogLossEpsilon);
            lossSum -= Math.Log((y ? c1 : c0) / (c0 + c1));
            double d = (y ? 1.0 : 0.0) - p1;
            brierSum += d * d;
        }

        if (used == 0)
        {
            auc = logLoss = brier = double.NaN;
            return;
        }

        logLoss = lossSum / used;
        brier = brierSum / used;
        long negatives = used - positives;
        auc = positives == 0 || negatives == 0 ? double.NaN : MannWhitneyAuc(scores[..used], positive[..used], positives, negatives);
    }

    /// <summary>
    /// Multiclass log loss as scikit-learn's <c>log_loss(y, P, labels=range(K))</c> (each probability clipped to
    /// [ε, 1 − ε], the row renormalised, mean of −ln p[true]) and the multiclass Brier score (mean over rows of
    /// Σ_k (p_k − y_k)², no clipping), over the rows with a vector of <paramref name="width"/> entries and a true class below it.
    /// </summary>
    private static void ComputeMulticlass(ReadOnlySpan<int> trueClasses, ReadOnlySpan<double[]?> probabilities, int width, out double logLoss, out double brier)
    {
        double lossSum = 0, brierSum = 0;
        int used = 0;
        for (int i = 0; i < trueClasses.Length; i++)
        {
            double[]? vector = probabilities.IsEmpty ? null : probabilities[i];
            int t = trueClasses[i];
            if (vector is null || vector.Length != width || (uint)t >= (uint)width)
            {
                continue;
            }

            double clippedSum = 0, squares = 0;
            for (int k = 0; k < width; k++)
            {
                clippedSum += Math.Clamp(vector[k], LogLossEpsilon, 1 - LogLossEpsilon);
                double d = vector[k] - (k == t ? 1.0 : 0.0);
                squares += d * d;
            }

            lossSum -= Math.Log(Math.Clamp(vector[t], LogLossEpsilon, 1 - LogLossEpsilon) / clippedSum);
            brierSum += squares;
            used++;
        }

        logLoss = used == 0 ? double.NaN : lossSum / used;
        brier = used == 0 ? double.NaN : brierSum / used;
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
