using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Diagnostics;

namespace MlObservability.Hosting.Health;

/// <summary>
/// Health from monitoring findings. It receives every <see cref="MonitoringEvent"/> (it is registered as an
/// <see cref="IMonitoringEventSink"/>) and keeps the latest severity per model, kind and label set; a
/// <see cref="Severity.None"/> event clears the finding. Mapping (see <see cref="MonitoringHealthOptions"/>):
/// <list type="bullet">
/// <item><c>slo.burn</c> critical: <see cref="HealthStatus.Unhealthy"/>; warning: <see cref="HealthStatus.Degraded"/>.</item>
/// <item><c>drift.*</c> critical: <see cref="HealthStatus.Degraded"/> (<see cref="HealthStatus.Unhealthy"/> with <see cref="MonitoringHealthOptions.CriticalDriftIsUnhealthy"/>).</item>
/// <item>any other kind (for example <c>quality.decay</c>) critical: <see cref="HealthStatus.Degraded"/>.</item>
/// <item>everything else: <see cref="HealthStatus.Healthy"/>.</item>
/// </list>
/// </summary>
public sealed class MlMonitoringHealthCheck : IHealthCheck, IMonitoringEventSink
{
    /// <summary>The name the health check is registered under by default.</summary>
    public const string DefaultName = "ml-monitoring";

    private readonly ConcurrentDictionary<string, MonitoringEvent> _findings = new(StringComparer.Ordinal);
    private readonly MonitoringHealthOptions _options;
    private int _overflowWarned;

    /// <summary>Creates the health check.</summary>
    /// <param name="options">The monitoring options (their <see cref="MlMonitoringOptions.Health"/> part is used).</param>
    public MlMonitoringHealthCheck(IOptions<MlMonitoringOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Health;
    }

    /// <summary>Number of open (non-clear) findings.</summary>
    public int OpenFindings => _findings.Count;

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoringEvent);
        string key = KeyOf(monitoringEvent);
        if (monitoringEvent.Severity == Severity.None)
        {
            _findings.TryRemove(key, out _);
            return;
        }

        if (_findings.Count >= _options.MaxTrackedFindings && !_findings.ContainsKey(key))
        {
            if (Interlocked.Exchange(ref _overflowWarned, 1) == 0)
            {
                HostingEventSource.Log.HealthFindingsOverflow(_options.MaxTrackedFindings);
            }

            return;
        }

        _findings[key] = monitoringEvent;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = HealthStatus.Healthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var reasons = new List<string>();
        foreach (var finding in _findings.Values.OrderBy(f => f.ModelName, StringComparer.Ordinal).ThenBy(f => f.Kind, StringComparer.Ordinal))
        {
            var findingStatus = StatusOf(finding);
            if (findingStatus == HealthStatus.Healthy)
            {
                continue;
            }

            if (findingStatus < status)
            {
                status = findingStatus;
            }

            string description = Describe(finding);
            reasons.Add(description);
            data[KeyOf(finding)] = description;
        }

        var result = status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy("No critical drift, quality decay or SLO burn.", data)
            : new HealthCheckResult(status, string.Join("; ", reasons), data: data);
        return Task.FromResult(result);
    }

    internal HealthStatus StatusOf(MonitoringEvent finding)
    {
        bool critical = finding.Severity == Severity.Critical;
        if (finding.Kind.StartsWith("slo.", StringComparison.Ordinal))
        {
            return critical ? HealthStatus.Unhealthy
                : finding.Severity == Severity.Warning ? HealthStatus.Degraded : HealthStatus.Healthy;
        }

        if (!critical)
        {
            return HealthStatus.Healthy;
        }

        return finding.Kind.StartsWith("drift.", StringComparison.Ordinal) && _options.CriticalDriftIsUnhealthy
            ? HealthStatus.Unhealthy
            : HealthStatus.Degraded;
    }

    private static string Describe(MonitoringEvent finding)
    {
        string summary = finding.Summary.Length > 0
            ? finding.Summary
            : string.Create(CultureInfo.InvariantCulture, $"value {finding.Value:G4}{(finding.Threshold is { } t ? $" vs threshold {t:G4}" : string.Empty)}");
        return string.Create(CultureInfo.InvariantCulture, $"{finding.ModelName}: {finding.Kind} {finding.Severity} ({summary})");
    }

    private static string KeyOf(MonitoringEvent finding)
    {
        var key = new StringBuilder();
        key.Append(finding.ModelName).Append('/').Append(finding.ModelVersion).Append('/').Append(finding.Kind);
        foreach (var label in finding.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            key.Append('/').Append(label.Key).Append('=').Append(label.Value);
        }

        return key.ToString();
    }
}
