namespace MlObservability.Hosting.Configuration;

/// <summary>
/// How the latest monitoring findings map to a health status. By default an SLO burn (warning or critical), critical
/// drift or critical quality decay is <c>Degraded</c>, never <c>Unhealthy</c>: the check reports the model, not whether
/// the instance can serve, so it belongs on a monitoring endpoint, not in a readiness probe.
/// </summary>
public sealed class MonitoringHealthOptions
{
    /// <summary>Report <c>Unhealthy</c> (rather than <c>Degraded</c>) on critical feature or prediction drift. Default <see langword="false"/>:
    /// a drifted model still serves, so a load balancer should not take the instance out.</summary>
    public bool CriticalDriftIsUnhealthy { get; set; }

    /// <summary>Report <c>Unhealthy</c> (rather than <c>Degraded</c>) on a critical SLO burn. Default <see langword="false"/>:
    /// malformed client requests can burn an error budget on every replica at once, and a probe that then fails would
    /// take the whole service out of rotation.</summary>
    public bool SloBurnIsUnhealthy { get; set; }

    /// <summary>Maximum number of open findings remembered (one per model, kind and label set); further ones are counted and ignored. Default 10 000.</summary>
    public int MaxTrackedFindings { get; set; } = 10_000;
}
