using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Redis.Hosting;

/// <summary>
/// Health check <c>mlmonitoring-pending-store</c>: <see cref="HealthStatus.Degraded"/>, never Unhealthy, while Redis is
/// unreachable (the replica still serves; its sampled predictions wait in its local store, so their labels join only on
/// it), with the reason; <see cref="HealthStatus.Healthy"/> when Redis answers, or when no model uses the Redis store.
/// </summary>
internal sealed class RedisPendingStoreHealthCheck(RedisPendingStoreHolder holder, IOptions<MlMonitoringOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!RedisStoreConfiguration.IsInUse(options.Value))
        {
            return HealthCheckResult.Healthy("No model uses the Redis pending store (MlMonitoring:Quality:PendingStore is InProcess).");
        }

        var store = holder.Store;
        var probe = await store.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["reachable"] = probe.IsReachable,
            ["latency_ms"] = probe.Latency.TotalMilliseconds,
            ["queue"] = probe.QueueLength,
            ["stored"] = store.StoredCount,
            ["dropped"] = store.DroppedCount,
            ["failed"] = store.FailedCount,
            ["lookup_failures"] = store.LookupFailedCount,
        };
        if (probe.IsReachable)
        {
            return HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"Redis pending store reachable ({probe.Latency.TotalMilliseconds:0.#} ms, {probe.QueueLength} waiting to be written)."),
                data);
        }

        return HealthCheckResult.Degraded(
            $"Redis pending store unreachable ({probe.Error}): sampled predictions are kept in this replica's local store and their labels join only here until it is back; " +
            "writes and lookups resume by themselves.",
            data: data);
    }
}
