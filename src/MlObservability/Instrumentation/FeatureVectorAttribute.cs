namespace MlObservability.Instrumentation;

/// <summary>
/// Marks the parameter of an <see cref="InstrumentedAttribute">[Instrumented]</see> method that carries the model's
/// features. The decorator passes it to the <see cref="IModelInputSink"/> registered for the model in
/// <see cref="ModelSinks"/>. Supported types: <c>double[]</c>, <c>float[]</c>, <c>(ReadOnly)Memory&lt;double|float&gt;</c>,
/// <c>(ReadOnly)Span&lt;double|float&gt;</c> (one row), and <c>double[][]</c> / <c>float[][]</c> (a batch of rows).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class FeatureVectorAttribute : Attribute
{
}
