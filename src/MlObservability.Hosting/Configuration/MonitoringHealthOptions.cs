namespace MlObservability.Hosting.Configuration;

/// <summary>
/// How the latest monitoring findings map to a health status. By default a critical SLO burn is
/// <c>Unhealthy</c>; a warning SLO burn, critical drift or critical quality decay is <c>Degraded</c>.
/// </summary>
public sealed class MonitoringHealthOptions
{
    /// <summary>Report <c>Unhealthy</c> (rather than <c>Degraded</c>) on critical feature or prediction drift. Default <see langword="false"/>:
    /// a drifted model still serves, so a load balancer should not take the instance out.</summary>
    public bool CriticalDriftIsUnhealthy { get; set; }

    /// <summary>Maximum number of open findings remembered (one per model, kind and label set); further ones are counted and ignored. Default 10 000.</summary>
    public int MaxTrackedFindings { get; set; } = 10_000;
}
