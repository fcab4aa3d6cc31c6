namespace MlObservability.Instrumentation;

/// <summary>
/// A classification result that also exposes the model's probability of every class. When the result of an
/// <see cref="InstrumentedAttribute">[Instrumented]</see> method implements it, the generated decorator passes the vector
/// to the model's output sinks (<see cref="IModelOutputSink.RecordClassification(string, ReadOnlySpan{double}, string?)"/>),
/// so quality reports multiclass log loss and Brier score; <see cref="IPredictionResult.Confidence"/> is then not read.
/// </summary>
/// <remarks>Implement it on a class or record class: a struct result that implements it is boxed on every call.</remarks>
public interface IProbabilityPredictionResult : IPredictionResult
{
    /// <summary>One probability per class, in the order of the model's configured class labels (<c>Quality:ClassLabels</c>).</summary>
    ReadOnlySpan<double> Probabilities { get; }
}
