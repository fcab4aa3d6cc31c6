namespace MlObservability.Instrumentation;

/// <summary>
/// Marks the <see cref="string"/> parameter of an <see cref="InstrumentedAttribute">[Instrumented]</see> method that
/// carries the request id. The decorator passes it with the captured prediction to the model's
/// <see cref="IModelOutputSink"/>, so a ground-truth label that arrives later under that id can be joined to it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class RequestIdAttribute : Attribute
{
}
