using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MlObservability.Hosting;

/// <summary>The meter and activity source of the hosting package (resource metrics, evaluation spans).</summary>
public static class HostingTelemetry
{
    /// <summary>The name of the meter and of the activity source of this package.</summary>
    public const string SourceName = "MlObservability.Hosting";

    private static readonly string Version =
        typeof(HostingTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    internal static readonly Meter Meter = new(SourceName, Version);

    internal static readonly ActivitySource ActivitySource = new(SourceName, Version);
}
