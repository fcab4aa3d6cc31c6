namespace MlObservability.Quality;

/// <summary>
/// Quality of a classifier over one set of labelled predictions (the last N, a time window, one segment). Values agree
/// with scikit-learn on the same inputs: the class set is the sorted union of true and predicted classes, and divisions
/// by zero give 0 (<c>zero_division=0</c>). Each probability metric uses the rows that carry what it needs (a confidence,
/// or a probability vector) and is NaN when none does.
/// </summary>
public sealed class ClassificationReport
{
    internal ClassificationReport(
        int count, long correct, IReadOnlyList<ClassMetrics> classes, IReadOnlyList<IReadOnlyList<long>> confusion,
        double rocAuc, double logLoss, double brierScore, double expectedCalibrationError, double meanConfidence)
    {
        Count = count;
        Correct = correct;
        Accuracy = count == 0 ? double.NaN : (double)correct / count;
        Classes = classes;
        ConfusionMatrix = confusion;
        MacroPrecision = Mean(classes, static c => c.Precision);
        MacroRecall = Mean(classes, static c => c.Recall);
        MacroF1 = Mean(classes, static c => c.F1);
        RocAuc = rocAuc;
        LogLoss = logLoss;
        BrierScore = brierScore;
        ExpectedCalibrationError = expectedCalibrationError;
        MeanConfidence = meanConfidence;
    }

    /// <summary>An empty report (no labelled predictions): counts 0, every metric NaN.</summary>
    public static ClassificationReport Empty { get; } = new(0, 0, [], [], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Number of labelled predictions.</summary>
    public int Count { get; }

    /// <summary>Number of correct predictions.</summary>
    public long Correct { get; }

    /// <summary>Correct / Count (NaN when empty).</summary>
    public double Accuracy { get; }

    /// <summary>Per-class metrics, in class-index order, for every class that occurred as truth or prediction.</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; }

    /// <summary>Unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision { get; }

    /// <summary>Unweighted mean of the per-class recalls.</summary>
    public double MacroRecall { get; }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 { get; }

    /// <summary>Confusion matrix: row = true class, column = predicted class, both in the order of <see cref="Classes"/>.</summary>
    public IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix { get; }

    /// <summary>Area under the ROC curve of a binary model (class 1 positive: two class labels, or two-entry probability
    /// vectors) over the rows with a confidence or vector; NaN for other models or when only one class occurred.</summary>
    public double RocAuc { get; }

    /// <summary>Cross-entropy in nats as scikit-learn's <c>log_loss</c> (probabilities clipped to [ε, 1 − ε], ε = 2.2e-16, rows
    /// renormalised): of a binary model, or of a multiclass model over the rows recorded with probability vectors; NaN otherwise.</summary>
    public double LogLoss { get; }

    /// <summary>Binary: mean of (y − P(class 1))². Multiclass, over the rows recorded with probability vectors: mean over rows
    /// of Σ_k (p_k − y_k)² (y one-hot). NaN when no row supports it.</summary>
    public double BrierScore { get; }

    /// <summary>
    /// Expected calibration error of the predicted-class confidence: 10 equal-width bins, bin = min(⌊c·10⌋, 9),
    /// ECE = Σ_b (n_b / n)·|accuracy_b − mean confidence_b|, over the rows with a confidence (NaN when none has one).
    /// </summary>
    public double ExpectedCalibrationError { get; }

    /// <summary>Mean confidence of the labelled predictions that have one (NaN when none has); compare with
    /// <see cref="Accuracy"/> for over-confidence.</summary>
    public double MeanConfidence { get; }

    private static double Mean(IReadOnlyList<ClassMetrics> classes, Func<ClassMetrics, double> value)
    {
        if (classes.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var c in classes)
        {
            sum += value(c);
        }

        return sum / classes.Count;
    }
}
