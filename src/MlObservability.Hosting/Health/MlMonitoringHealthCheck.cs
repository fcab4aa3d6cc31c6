using System.Collections.Concurrent;
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
/// <item><c>slo.burn</c> critical or warning: <see cref="HealthStatus.Degraded"/> (critical is <see cref="HealthStatus.Unhealthy"/>
/// with <see cref="MonitoringHealthOptions.SloBurnIsUnhealthy"/>): an error budget burnt by bad client requests must not
/// take an instance out of a load balancer's rotation.</item>
/// <item><c>drift.*</c> critical: <see cref="HealthStatus.Degraded"/> (<see cref="HealthStatus.Unhealthy"/> with <see cref="MonitoringHealthOptions.CriticalDriftIsUnhealthy"/>).</item>
/// <item>any other kind (for example <c>quality.decay</c>) critical: <see cref="HealthStatus.Degraded"/>.</item>
/// <item>everything else: <see cref="HealthStatus.Healthy"/>.</item>
/// </list>
/// Each finding is a <see cref="HealthFinding"/> in <see cref="HealthCheckResult.Data"/> (with the time it opened), and
/// <c>data["models"]</c> lists the configured model names; <see cref="MlMonitoringHealthResponseWriter"/> writes it all as JSON.
/// </summary>
public sealed class MlMonitoringHealthCheck : IHealthCheck, IMonitoringEventSink
{
    /// <summary>The name the health check is registered under by default.</summary>
    public const string DefaultName = "ml-monitoring";

    /// <summary>The <see cref="HealthCheckResult.Data"/> key under which the configured model names are listed.</summary>
    public const string ModelsDataKey = "models";

    private readonly ConcurrentDictionary<string, OpenFinding> _findings = new(StringComparer.Ordinal);
    private readonly MonitoringHealthOptions _options;
    private readonly string[] _models;
    private readonly TimeProvider _time;
    private int _overflowWarned;

    /// <summary>Creates the health check.</summary>
    /// <param name="options">The monitoring options (their <see cref="MlMonitoringOptions.Health"/> part and the model names are used).</param>
    /// <param name="timeProvider">The clock for findings published without a timestamp; the system clock by default.</param>
    public MlMonitoringHealthCheck(IOptions<MlMonitoringOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Health;
        _models = options.Value.Models.Select(m => m.Name).ToArray();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The monitored models, read at each check for their SLO status (compliance, budget, exhaustion forecast);
    /// set by <c>AddMlMonitoring</c>. Read lazily: the registry's models publish into this check.</summary>
    internal Func<IEnumerable<ModelMonitor>>? SloSource { get; init; }

    /// <summary>Number of open (non-clear) findings.</summary>
    public int OpenFindings => _findings.Count;

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoringEvent);
        if (monitoringEvent.Severity == Severity.None)
        {
            if (!_findings.IsEmpty)
            {
                _findings.TryRemove(KeyOf(monitoringEvent), out _);
            }

            return;
        }

        string key = KeyOf(monitoringEvent);

        if (_findings.Count >= _options.MaxTrackedFindings && !_findings.ContainsKey(key))
        {
            if (Interlocked.Exchange(ref _overflowWarned, 1) == 0)
            {
                HostingEventSource.Log.HealthFindingsOverflow(_options.MaxTrackedFindings);
            }

            return;
        }

        var at = monitoringEvent.Timestamp == default ? _time.GetUtcNow() : monitoringEvent.Timestamp;
        _findings.AddOrUpdate(
            key,
            static (_, state) => new OpenFinding(state.Event, state.At, state.At),
            static (_, open, state) => new OpenFinding(state.Event, open.Since, state.At),
            (Event: monitoringEvent, At: at));
    }

    /// <summary>A finding, or the clearing of one while any is open (see <see cref="IMonitoringEventSink.Accepts"/>).</summary>
    /// <param name="kind">The event kind.</param>
    /// <param name="modelName">The model.</param>
    /// <param name="severity">The severity.</param>
    /// <returns><see langword="false"/> for a clear event while no finding is open.</returns>
    public bool Accepts(string kind, string modelName, Severity severity) => severity != Severity.None || !_findings.IsEmpty;

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = HealthStatus.Healthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { [ModelsDataKey] = _models };
        var reasons = new List<string>();
        foreach (var open in _findings.Values.OrderBy(f => f.Latest.ModelName, StringComparer.Ordinal).ThenBy(f => f.Latest.Kind, StringComparer.Ordinal))
        {
            var finding = open.Latest;
            var findingStatus = StatusOf(finding);
            if (findingStatus == HealthStatus.Healthy)
            {
                continue;
            }

            if (findingStatus < status)
            {
                status = findingStatus;
            }

            var healthFinding = new HealthFinding
            {
                Model = finding.ModelName,
                Version = finding.ModelVersion,
                Kind = finding.Kind,
                Severity = finding.Severity,
                Status = findingStatus,
                Labels = finding.Labels,
                Summary = finding.Summary,
                Value = finding.Value,
                Threshold = finding.Threshold,
                Since = open.Since,
                LastSeen = open.LastSeen,
            };
            reasons.Add(healthFinding.ToString());
            data[KeyOf(finding)] = healthFinding;
        }

        foreach (var model in SloSource?.Invoke() ?? [])
        {
            foreach (var slo in model.Slo?.Statuses ?? [])
            {
                data[$"slo:{model.Name}:{slo.Objective.Name}"] = new SloHealth(
                    model.Name, slo.Objective.Name, slo.Compliance, slo.ErrorBudgetRemaining, slo.ErrorBudgetExhaustionSeconds, slo.ForecastBurnRate, slo.EvaluatedAt);
            }
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
            return critical && _options.SloBurnIsUnhealthy ? HealthStatus.Unhealthy
                : finding.Severity >= Severity.Warning ? HealthStatus.Degraded : HealthStatus.Healthy;
        }

        if (!critical)
        {
            return HealthStatus.Healthy;
        }

        return finding.Kind.StartsWith("drift.", StringComparison.Ordinal) && _options.CriticalDriftIsUnhealthy
            ? HealthStatus.Unhealthy
            : HealthStatus.Degraded;
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

    private sealed record OpenFinding(MonitoringEvent Latest, DateTimeOffset Since, DateTimeOffset LastSeen);
}
