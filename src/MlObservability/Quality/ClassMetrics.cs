namespace MlObservability.Quality;

/// <summary>Precision, recall and F1 of one class over a set of labelled predictions (one-vs-rest).</summary>
/// <param name="ClassIndex">The class index.</param>
/// <param name="ClassName">The class label.</param>
/// <param name="Precision">TP / (TP + FP); 0 when the class was never predicted (scikit-learn's <c>zero_division=0</c>).</param>
/// <param name="Recall">TP / (TP + FN); 0 when the class never occurred.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">How many labelled predictions had this class as their true label.</param>
public sealed record ClassMetrics(int ClassIndex, string ClassName, double Precision, double Recall, double F1, long Support);
