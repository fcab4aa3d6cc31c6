namespace MlObservability.Quality;

/// <summary>
/// The mergeable (fleet) form of model quality: every joined label counted, for ever, so a time-series database can sum
/// the counters of any number of replicas over any window. Classification: labelled predictions per true class, per
/// predicted class and correct per class (accuracy, per-class precision, recall and F1 follow exactly); a confusion
/// matrix of the first <see cref="MaxConfusionClasses"/> classes; for a binary model, P(class 1) in
/// <see cref="ScoreBins"/> equal-width bins per true class (binned ROC AUC); the confidence in the 10 calibration bins
/// with correct counts and confidence sums (expected calibration error, as in process). Regression: count and the sums
/// of absolute, squared and absolute percentage errors (MAE, RMSE, MAPE exactly).
/// </summary>
/// <remarks>
/// Written on the label path (never on the inference thread), with <see cref="Interlocked"/> operations: labels joined
/// concurrently are all counted. Every cell only grows, so the exported sums are monotonic. Memory is fixed at
/// construction. What a label cannot add to a figure is counted under a reason (<see cref="DropReasons"/>).
/// </remarks>
internal sealed class FleetQualityCounters
{
    /// <summary>Classes (by class index) the confusion matrix has: pairs with a class index at or past it are counted
    /// under <c>confusion_classes</c> instead (they still count in the per-class counters).</summary>
    public const int MaxConfusionClasses = 10;

    /// <summary>Equal-width bins of P(class 1) on [0, 1] for the binned ROC AUC.</summary>
    public const int ScoreBins = 20;

    /// <summary>Bins of the calibration counters (the in-process expected calibration error's).</summary>
    public const int CalibrationBins = ClassificationMetricsCalculator.CalibrationBins;

    /// <summary>Reason index: a labelled pair with a class past <see cref="MaxConfusionClasses"/>.</summary>
    public const int DropConfusionClasses = 0;

    /// <summary>Reason index: a labelled classification without a confidence (not in the calibration bins).</summary>
    public const int DropNoConfidence = 1;

    /// <summary>Reason index: a binary model's labelled prediction without P(class 1), or with a class past 1 (not in the score bins).</summary>
    public const int DropNoScore = 2;

    /// <summary>The reasons, by index, as exported.</summary>
    public static readonly string[] DropReasons = ["confusion_classes", "no_confidence", "no_score"];

    private readonly long[] _true;
    private readonly long[] _predicted;
    private readonly long[] _correct;
    private readonly long[] _confusion = new long[MaxConfusionClasses * MaxConfusionClasses];
    private readonly long[] _negative = new long[ScoreBins];
    private readonly long[] _positive = new long[ScoreBins];
    private readonly long[] _calibrationCount = new long[CalibrationBins];
    private readonly long[] _calibrationCorrect = new long[CalibrationBins];
    private readonly double[] _calibrationConfidence = new double[CalibrationBins];
    private readonly long[] _dropped = new long[3];
    private readonly double[] _regressionSums = new double[3];
    private readonly bool _binary;
    private long _regressionCount;
    private long _classifications;

    /// <param name="classSlots">Class indexes of the monitor (its classes plus the overflow).</param>
    /// <param name="binary">Whether the model is binary (two configured class labels, class 1 positive).</param>
    public FleetQualityCounters(int classSlots, bool binary)
    {
        _true = new long[classSlots];
        _predicted = new long[classSlots];
        _correct = new long[classSlots];
        _binary = binary;
    }

    /// <summary>The counters' memory in bytes (arrays only).</summary>
    public long MemoryBytes => ((_true.Length * 3L) + _confusion.Length + (ScoreBins * 2L) + (CalibrationBins * 3L) + 3 + 3 + 2) * sizeof(long);

    /// <summary>The equal-width score bin of P(class 1): min(⌊s·k⌋, k − 1).</summary>
    /// <param name="score">A probability in [0, 1].</param>
    /// <returns>The bin.</returns>
    public static int ScoreBin(double score) => Math.Clamp((int)Math.Floor(score * ScoreBins), 0, ScoreBins - 1);

    /// <summary>Counts one joined classification.</summary>
    /// <param name="trueSlot">The true class index.</param>
    /// <param name="predictedSlot">The predicted class index.</param>
    /// <param name="confidence">The predicted class's confidence, NaN when none.</param>
    /// <param name="probabilities">The probability vector, when the prediction had one.</param>
    public void RecordClassification(int trueSlot, int predictedSlot, double confidence, double[]? probabilities)
    {
        if ((uint)trueSlot >= (uint)_true.Length || (uint)predictedSlot >= (uint)_true.Length)
        {
            return; // the monitor clamps both to its slots; never reached
        }

        bool hit = trueSlot == predictedSlot;
        Interlocked.Increment(ref _true[trueSlot]);
        Interlocked.Increment(ref _predicted[predictedSlot]);
        if (hit)
        {
            Interlocked.Increment(ref _correct[trueSlot]);
        }

        if (trueSlot < MaxConfusionClasses && predictedSlot < MaxConfusionClasses)
        {
            Interlocked.Increment(ref _confusion[(trueSlot * MaxConfusionClasses) + predictedSlot]);
        }
        else
        {
            Interlocked.Increment(ref _dropped[DropConfusionClasses]);
        }

        if (double.IsNaN(confidence))
        {
            Interlocked.Increment(ref _dropped[DropNoConfidence]);
        }
        else
        {
            int bin = ClassificationMetricsCalculator.CalibrationBin(confidence);
            Interlocked.Increment(ref _calibrationCount[bin]);
            if (hit)
            {
                Interlocked.Increment(ref _calibrationCorrect[bin]);
            }

            Add(ref _calibrationConfidence[bin], confidence);
        }

        if (_binary || probabilities is { Length: 2 })
        {
            double p1 = probabilities is { Length: 2 } ? probabilities[1]
                : !double.IsNaN(confidence) && (uint)predictedSlot <= 1 ? ClassificationMetricsCalculator.PositiveProbability(predictedSlot, confidence)
                : double.NaN;
            if (double.IsNaN(p1) || (uint)trueSlot > 1)
            {
                Interlocked.Increment(ref _dropped[DropNoScore]);
            }
            else
            {
                Interlocked.Increment(ref (trueSlot == 1 ? _positive : _negative)[ScoreBin(p1)]);
            }
        }

        Interlocked.Increment(ref _classifications);
    }

    /// <summary>Counts one joined regression prediction.</summary>
    /// <param name="predicted">The predicted value.</param>
    /// <param name="actual">The true value.</param>
    public void RecordRegression(double predicted, double actual)
    {
        double error = actual - predicted;
        double absolute = Math.Abs(error);
        if (!double.IsFinite(absolute))
        {
            return; // both were checked finite by the monitor; never reached
        }

        Add(ref _regressionSums[0], absolute);
        Add(ref _regressionSums[1], error * error);
        Add(ref _regressionSums[2], absolute / Math.Max(Math.Abs(actual), RegressionMetricsCalculator.PercentageEpsilon));
        Interlocked.Increment(ref _regressionCount);
    }

    /// <summary>Reads every counter (a consistent-enough copy: each cell is read once).</summary>
    /// <returns>The snapshot.</returns>
    public FleetQualitySnapshot Snapshot()
    {
        static long[] Read(long[] cells)
        {
            var copy = new long[cells.Length];
            for (int i = 0; i < cells.Length; i++)
            {
                copy[i] = Volatile.Read(ref cells[i]);
            }

            return copy;
        }

        var confidence = new double[CalibrationBins];
        for (int b = 0; b < CalibrationBins; b++)
        {
            confidence[b] = Volatile.Read(ref _calibrationConfidence[b]);
        }

        var confusion = new long[MaxConfusionClasses, MaxConfusionClasses];
        for (int t = 0; t < MaxConfusionClasses; t++)
        {
            for (int p = 0; p < MaxConfusionClasses; p++)
            {
                confusion[t, p] = Volatile.Read(ref _confusion[(t * MaxConfusionClasses) + p]);
            }
        }

        return new FleetQualitySnapshot(
            Volatile.Read(ref _classifications), Read(_true), Read(_predicted), Read(_correct), confusion, Read(_negative), Read(_positive),
            Read(_calibrationCount), Read(_calibrationCorrect), confidence,
            Volatile.Read(ref _regressionCount), Volatile.Read(ref _regressionSums[0]), Volatile.Read(ref _regressionSums[1]), Volatile.Read(ref _regressionSums[2]),
            Read(_dropped));
    }

    private static void Add(ref double location, double value)
    {
        double current = Volatile.Read(ref location);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref location, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
