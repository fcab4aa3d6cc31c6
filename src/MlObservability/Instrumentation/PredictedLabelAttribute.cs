namespace MlObservability.Instrumentation;

/// <summary>
/// Marks the property or field of a result type that holds the predicted label (<see cref="string"/>) or class index
/// (<see cref="int"/>). Used with <see cref="ConfidenceAttribute"/> when the result type cannot implement
/// <see cref="IPredictionResult"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = true, AllowMultiple = false)]
public sealed class PredictedLabelAttribute : Attribute
{
}
