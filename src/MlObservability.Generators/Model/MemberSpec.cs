namespace MlObservability.Generators.Model;

/// <summary>What kind of member a <see cref="MemberSpec"/> forwards.</summary>
internal enum MemberKind
{
    Method,
    Property,
    Indexer,
    Event,
}

/// <summary>How a method returns, which decides the shape of its wrapper.</summary>
internal enum ReturnShape
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,
}

/// <summary>One interface member the decorator implements explicitly.</summary>
/// <param name="Kind">Method, property, indexer or event.</param>
/// <param name="Interface">The fully qualified interface that declares it.</param>
/// <param name="Name">The member name.</param>
/// <param name="Type">The return, property or event type (fully qualified, with nullable annotations).</param>
/// <param name="RefReturn">"ref ", "ref readonly " or empty.</param>
/// <param name="Shape">The return shape (methods).</param>
/// <param name="ResultType">The awaited or streamed element type; empty when there is none.</param>
/// <param name="TypeParameters">The method's type parameters.</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="HasGetter">Property or indexer with a getter.</param>
/// <param name="HasSetter">Property or indexer with a setter.</param>
/// <param name="Instrumentation">The instrumentation; <see langword="null"/> when the member is forwarded unchanged.</param>
internal sealed record MemberSpec(
    MemberKind Kind,
    string Interface,
    string Name,
    string Type,
    string RefReturn,
    ReturnShape Shape,
    string ResultType,
    EquatableArray<TypeParameterSpec> TypeParameters,
    EquatableArray<ParameterSpec> Parameters,
    bool HasGetter,
    bool HasSetter,
    InstrumentationSpec? Instrumentation);

/// <summary>A method type parameter; <paramref name="NeedsDefaultConstraint"/> when <c>T?</c> needs <c>where T : default</c>.</summary>
internal sealed record TypeParameterSpec(string Name, bool NeedsDefaultConstraint);

/// <summary>A parameter: its name (escaped), type, ref kind and role.</summary>
/// <param name="Name">The name, escaped with @ when it is a keyword.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="RefKind">"ref ", "out ", "in " or empty.</param>
/// <param name="IsCancellationToken">Whether it is a <c>CancellationToken</c>.</param>
internal sealed record ParameterSpec(string Name, string Type, string RefKind, bool IsCancellationToken);

/// <summary>How a feature vector parameter is handed to the input sinks.</summary>
internal enum FeatureShape
{
    None,
    Span,
    Memory,
    Batch,
}

/// <summary>How the result is handed to the output sinks.</summary>
internal enum OutputShape
{
    None,
    PredictionResult,
    Members,
}

/// <summary>The instrumentation of one method.</summary>
/// <param name="ModelName">The model name.</param>
/// <param name="ModelVersion">The model version; empty when not given.</param>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="FeatureParameter">The name of the [FeatureVector] parameter; empty when none.</param>
/// <param name="Features">How the features are passed.</param>
/// <param name="Output">How the result is captured.</param>
/// <param name="ResultIsReference">Whether the result can be null (a null check is emitted).</param>
/// <param name="LabelMember">The [PredictedLabel] member name.</param>
/// <param name="ConfidenceMember">The [Confidence] member name.</param>
/// <param name="RequestIdParameter">The name of the [RequestId] parameter; empty when none.</param>
/// <param name="Embeddings">The [FeatureVector(IsEmbedding = true)] parameters.</param>
internal sealed record InstrumentationSpec(
    string ModelName,
    string ModelVersion,
    string Endpoint,
    string FeatureParameter,
    FeatureShape Features,
    OutputShape Output,
    bool ResultIsReference,
    string LabelMember,
    string ConfidenceMember,
    string RequestIdParameter,
    EquatableArray<EmbeddingSpec> Embeddings);

/// <summary>An embedding parameter: its name, the embedding input's name, and how its vectors are passed.</summary>
/// <param name="Parameter">The (escaped) parameter name.</param>
/// <param name="Name">The embedding input's name.</param>
/// <param name="Shape">How the vectors are passed (<see cref="FeatureShape.Batch"/> for <c>float[][]</c>).</param>
internal sealed record EmbeddingSpec(string Parameter, string Name, FeatureShape Shape);
