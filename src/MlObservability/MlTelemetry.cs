using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MlObservability;

/// <summary>
/// The names under which the library publishes its telemetry. Subscribe to <see cref="MeterName"/> with
/// OpenTelemetry (<c>AddMeter(MlTelemetry.MeterName)</c>) or a <see cref="MeterListener"/>, and to
/// <see cref="ActivitySourceName"/> for spans.
/// </summary>
public static class MlTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every instrument of the library is created on.</summary>
    public const string MeterName = "MlObservability";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> the library starts spans on.</summary>
    public const string ActivitySourceName = "MlObservability";

    /// <summary>Tag key for the model name.</summary>
    public const string ModelNameTag = "ml.model.name";

    /// <summary>Tag key for the model version.</summary>
    public const string ModelVersionTag = "ml.model.version";

    /// <summary>Tag key for the serving endpoint or operation.</summary>
    public const string EndpointTag = "ml.endpoint";

    /// <summary>Tag key for a feature name.</summary>
    public const string FeatureNameTag = "ml.feature.name";

    /// <summary>Tag key for the outcome of a call: <c>success</c>, <c>error</c> or <c>cancelled</c>.</summary>
    public const string OutcomeTag = "ml.outcome";

    /// <summary>Tag key for the type of an error (the exception type name, or an error code).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>
    /// Tag key for the quantile (<c>0.5</c>, <c>0.99</c>, ...) on quantile gauges such as <c>ml.inference.duration.quantile</c>.
    /// Not <c>quantile</c>: Prometheus reserves that label for summaries.
    /// </summary>
    public const string QuantileTag = "ml.quantile";

    /// <summary>The value reported in place of a label once a cardinality limit is reached.</summary>
    public const string OverflowLabel = "other";

    private static readonly string Version =
        typeof(MlTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The meter shared by all instruments of the core package.</summary>
    internal static readonly Meter Meter = new(MeterName, Version);

    /// <summary>The activity source shared by all spans of the core package.</summary>
    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);
}
