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
    /// <summary>
    /// Declares the parameter an embedding input: its vectors go to the model's embedding drift detector named
    /// <see cref="Name"/> (through <c>IModelEmbeddingSink</c>) instead of the row sinks. Supported types: <c>float[]</c>,
    /// <c>(ReadOnly)Memory&lt;float&gt;</c>, <c>(ReadOnly)Span&lt;float&gt;</c> (one vector) and <c>float[][]</c> (a batch).
    /// A method may have several embedding parameters besides its one feature row.
    /// </summary>
    public bool IsEmbedding { get; set; }

    /// <summary>The embedding input's name, as its baseline is named in the reference profile
    /// (<c>EmbeddingDriftProfile.Fit(name, ...)</c>). Default: the parameter name.</summary>
    public string? Name { get; set; }
}
