namespace MlObservability.Instrumentation;

/// <summary>
/// Asks the MlObservability source generator for a monitoring decorator. On an interface, the generator emits a sealed
/// class <c>Instrumented{Name}</c> (the leading <c>I</c> dropped) that implements it and records RED metrics, a span and
/// model inputs/outputs around every method; on a class, a decorator that implements the class's interfaces; on single
/// methods, only those methods are measured. No reflection, proxies or runtime code generation: the decorator is
/// plain C#, so it works with trimming and Native AOT.
/// </summary>
/// <remarks>
/// Defaults: the model name is the type name without the interface <c>I</c> prefix, the version is empty and the
/// endpoint is the method name without an <c>Async</c> suffix. A method-level attribute overrides the type-level one.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class InstrumentedAttribute : Attribute
{
    /// <summary>Instruments with the default model name, version and endpoint.</summary>
    public InstrumentedAttribute()
    {
    }

    /// <summary>Instruments under the given model name.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>).</param>
    public InstrumentedAttribute(string modelName)
    {
        ModelName = modelName;
    }

    /// <summary>The model name (tag <c>ml.model.name</c>); derived from the type name when <see langword="null"/>.</summary>
    public string? ModelName { get; set; }

    /// <summary>The model version (tag <c>ml.model.version</c>); empty when <see langword="null"/>.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>The endpoint (tag <c>ml.endpoint</c>); derived from the method name when <see langword="null"/>.</summary>
    public string? Endpoint { get; set; }
}
