namespace MlObservability.Instrumentation;

/// <summary>
/// Marks the property or field of a result type that holds the confidence (probability, <see cref="double"/> or
/// <see cref="float"/>) of the predicted label. Used with <see cref="PredictedLabelAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = true, AllowMultiple = false)]
public sealed class ConfidenceAttribute : Attribute
{
}
