using Microsoft.CodeAnalysis;

namespace MlObservability.Generators;

/// <summary>The diagnostics of the [Instrumented] generator; documented in docs/instrumented.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "MlObservability.Instrumentation";
    private const string HelpLink = "https://github.com/mlobservability/mlobservability/blob/main/docs/instrumented.md#diagnostics";

    public static readonly DiagnosticDescriptor ClassWithoutInterface = new(
        "MLOBS001",
        "Class without an interface cannot be instrumented",
        "'{0}' implements no interface, so no decorator can stand in for it; extract an interface for the methods to monitor and put [Instrumented] on it or keep it on the class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor StaticMethod = new(
        "MLOBS002",
        "Static method cannot be instrumented",
        "'{0}' is static; a decorator can only wrap instance methods reached through an interface. Make it an instance method of an interface, or call InferenceMetrics yourself.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedMethodShape = new(
        "MLOBS003",
        "Method is forwarded without instrumentation",
        "'{0}' is forwarded without instrumentation: {1}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "MLOBS004",
        "Type cannot be instrumented",
        "'{0}' cannot be instrumented: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedFeatureVector = new(
        "MLOBS005",
        "[FeatureVector] parameter type is not supported",
        "[FeatureVector] parameter '{0}' of '{1}' has type '{2}'; supported types are double[], float[], (ReadOnly)Memory<double|float>, (ReadOnly)Span<double|float>, double[][] and float[][]. Its features are not captured.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedEmbedding = new(
        "MLOBS009",
        "[FeatureVector(IsEmbedding = true)] parameter type is not supported",
        "Embedding parameter '{0}' of '{1}' has type '{2}'; supported types are float[], (ReadOnly)Memory<float>, (ReadOnly)Span<float> and float[][]. Its vectors are not captured.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedRequestId = new(
        "MLOBS008",
        "[RequestId] parameter type is not supported",
        "[RequestId] parameter '{0}' of '{1}' has type '{2}'; it must be a string passed by value. Its predictions are captured without a request id.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor IncompletePrediction = new(
        "MLOBS006",
        "Prediction members are incomplete",
        "Result type '{0}' needs both a [PredictedLabel] member (string or int) and a [Confidence] member (double or float); {1}. Its predictions are not captured.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);

    public static readonly DiagnosticDescriptor MethodOutsideInterface = new(
        "MLOBS007",
        "Method implements no interface member",
        "'{0}' is marked [Instrumented] but implements no interface member of '{1}', so the decorator never sees its calls; declare it on an interface the class implements",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);
}
