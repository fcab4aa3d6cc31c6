namespace MlObservability.Quality;

/// <summary>
/// The label-free accuracy estimate (the idea behind NannyML's confidence-based performance estimation, CBPE): the
/// expected accuracy of recent predictions is the mean of their calibrated confidences. Calibration is histogram binning
/// (10 equal-width bins, as the ECE) fitted on the first labelled predictions (the reference period) and then frozen;
/// until then, or in bins with too few labels, the raw confidence is trusted.
/// </summary>
internal sealed class ConfidenceCalibration
{
    /// <summary>Fewest labels in a bin before its observed accuracy replaces the raw confidence.</summary>
    public const int MinimumLabelsPerBin = 5;

    /// <summary>Fixed-point scale of confidence sums kept in integer counters.</summary>
    public const double ConfidenceScale = 1_000_000;

    private readonly object _gate = new();
    private readonly long[] _labels = new long[ClassificationMetricsCalculator.CalibrationBins];
    private readonly long[] _correct = new long[ClassificationMetricsCalculator.CalibrationBins];
    private readonly int _referenceSize;
    private double[]? _accuracy; // frozen per-bin accuracy, NaN where too few labels
    private int _fitted;

    /// <param name="referenceSize">Labelled predictions the calibration is fitted on; 0 to trust raw confidences.</param>
    public ConfidenceCalibration(int referenceSize) => _referenceSize = referenceSize;

    /// <summary>Whether the calibration is frozen.</summary>
    public bool IsFitted => Volatile.Read(ref _accuracy) is not null;

    /// <summary>Labels used so far.</summary>
    public int LabelsUsed => Volatile.Read(ref _fitted);

    /// <summary>Feeds one labelled prediction during the reference period; returns true when this label froze the calibration.</summary>
    public bool Observe(double confidence, bool correct)
    {
        if (_referenceSize == 0 || IsFitted)
        {
            return false;
        }

        lock (_gate)
        {
            if (_accuracy is not null)
            {
                return false;
            }

            int bin = ClassificationMetricsCalculator.CalibrationBin(confidence);
            _labels[bin]++;
            _correct[bin] += correct ? 1 : 0;
            _fitted++;
            if (_fitted < _referenceSize)
            {
                return false;
            }

            var accuracy = new double[_labels.Length];
            for (int b = 0; b < accuracy.Length; b++)
            {
                accuracy[b] = _labels[b] >= MinimumLabelsPerBin ? (double)_correct[b] / _labels[b] : double.NaN;
            }

            Volatile.Write(ref _accuracy, accuracy);
            return true;
        }
    }

    /// <summary>Estimated accuracy from per-bin prediction counts and per-bin confidence sums (fixed point); NaN without predictions.</summary>
    public double Estimate(ReadOnlySpan<long> binCounts, ReadOnlySpan<long> binConfidenceSums)
    {
        var accuracy = Volatile.Read(ref _accuracy);
        long total = 0;
        double expectedCorrect = 0;
        for (int b = 0; b < binCounts.Length; b++)
        {
            total += binCounts[b];
            expectedCorrect += accuracy is not null && !double.IsNaN(accuracy[b])
                ? binCounts[b] * accuracy[b]
                : binConfidenceSums[b] / ConfidenceScale;
        }

        return total == 0 ? double.NaN : expectedCorrect / total;
    }
}
