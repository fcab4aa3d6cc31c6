namespace MlObservability.Quality;

/// <summary>Quality figures computed from fleet counters (<see cref="FleetQualityStatistics"/>); NaN where the counts
/// do not support a figure (no labels, a binary AUC without both classes, no confidences, no regression labels).</summary>
/// <param name="Labelled">Labelled classifications.</param>
/// <param name="Accuracy">Correct / labelled: exact.</param>
/// <param name="Classes">Per class present (labelled or predicted at least once): precision, recall, F1 (exact, as
/// scikit-learn with <c>zero_division=0</c>) and support, by class index.</param>
/// <param name="MacroF1">Mean F1 over the present classes: exact.</param>
/// <param name="RocAuc">Binned ROC AUC of a binary model (pairs in the same bin count half).</param>
/// <param name="RocAucBinningBound">The most the binned AUC can differ from the exact one: Σ_b n_b p_b / (2 P N).</param>
/// <param name="ExpectedCalibrationError">Expected calibration error over the 10 equal-width bins: exact, as in process.</param>
/// <param name="RegressionCount">Labelled regression predictions.</param>
/// <param name="Mae">Mean absolute error: exact.</param>
/// <param name="Rmse">Root mean squared error: exact.</param>
/// <param name="Mape">Mean absolute percentage error (a fraction, as scikit-learn): exact.</param>
internal sealed record FleetQualityFigures(
    double Labelled, double Accuracy, IReadOnlyList<FleetClassFigures> Classes, double MacroF1, double RocAuc, double RocAucBinningBound,
    double ExpectedCalibrationError, double RegressionCount, double Mae, double Rmse, double Mape);

/// <summary>One class's fleet figures.</summary>
/// <param name="ClassIndex">The class index.</param>
/// <param name="Precision">Correct / predicted (0 when never predicted).</param>
/// <param name="Recall">Correct / labelled with the class (0 when never labelled with it).</param>
/// <param name="F1">2 · correct / (labelled + predicted).</param>
/// <param name="Support">Labelled with the class.</param>
internal sealed record FleetClassFigures(int ClassIndex, double Precision, double Recall, double F1, double Support);
