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

    private static readonly string Version =
        typeof(MlTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The meter shared by all instruments of the core package.</summary>
    internal static readonly Meter Meter = new(MeterName, Version);

    /// <summary>The activity source shared by all spans of the core package.</summary>
    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);
}
