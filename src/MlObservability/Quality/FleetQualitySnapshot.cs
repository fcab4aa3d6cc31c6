namespace MlObservability.Quality;

/// <summary>A copy of <see cref="FleetQualityCounters"/>: counts since the monitor started (or, in tests and in the
/// generated rules' terms, over a window: the difference of two snapshots, summed over replicas).</summary>
/// <param name="Classifications">Labelled classifications.</param>
/// <param name="TrueCounts">Labelled predictions per true class index.</param>
/// <param name="PredictedCounts">Labelled predictions per predicted class index.</param>
/// <param name="CorrectCounts">Correct labelled predictions per class index.</param>
/// <param name="Confusion">[true, predicted] counts of the first <see cref="FleetQualityCounters.MaxConfusionClasses"/> classes.</param>
/// <param name="NegativeScores">Labelled predictions of true class 0 per P(class 1) bin (binary models).</param>
/// <param name="PositiveScores">Labelled predictions of true class 1 per P(class 1) bin (binary models).</param>
/// <param name="CalibrationCounts">Labelled predictions with a confidence, per calibration bin.</param>
/// <param name="CalibrationCorrect">Correct ones among them, per bin.</param>
/// <param name="CalibrationConfidence">Their confidences' sum, per bin.</param>
/// <param name="RegressionCount">Labelled regression predictions.</param>
/// <param name="AbsoluteErrorSum">Σ |y − ŷ|.</param>
/// <param name="SquaredErrorSum">Σ (y − ŷ)².</param>
/// <param name="PercentageErrorSum">Σ |y − ŷ| / max(|y|, ε).</param>
/// <param name="Dropped">Counts per <see cref="FleetQualityCounters.DropReasons"/>.</param>
internal sealed record FleetQualitySnapshot(
    long Classifications, long[] TrueCounts, long[] PredictedCounts, long[] CorrectCounts, long[,] Confusion,
    long[] NegativeScores, long[] PositiveScores, long[] CalibrationCounts, long[] CalibrationCorrect, double[] CalibrationConfidence,
    long RegressionCount, double AbsoluteErrorSum, double SquaredErrorSum, double PercentageErrorSum, long[] Dropped);
