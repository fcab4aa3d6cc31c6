using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MlObservability.Drift;

namespace MlObservability.Hosting.Logging;

/// <summary>
/// Logs findings that mean the monitoring itself is misconfigured (rows the reference profile cannot read, a decorator
/// whose names match no model) once when they open, not on every evaluation pass; they log again only after clearing.
/// Drift, quality and SLO findings are the alert engine's job and are not logged here.
/// </summary>
internal sealed class MonitoringFindingLogger(ILoggerFactory loggerFactory) : IMonitoringEventSink
{
    private static readonly HashSet<string> LoggedKinds = new(StringComparer.Ordinal)
    {
        DriftMonitor.WrongLengthEventKind,
    };

    private readonly ILogger _logger = loggerFactory.CreateLogger(MonitoringLog.Category);
    private readonly ConcurrentDictionary<(string Model, string Version, string Kind), bool> _open = new();

    /// <inheritdoc/>
    public bool Accepts(string kind, string modelName, Severity severity) =>
        kind is not null && LoggedKinds.Contains(kind) && (severity != Severity.None || !_open.IsEmpty);

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoringEvent);
        if (!LoggedKinds.Contains(monitoringEvent.Kind))
        {
            return;
        }

        var key = (monitoringEvent.ModelName, monitoringEvent.ModelVersion, monitoringEvent.Kind);
        if (monitoringEvent.Severity == Severity.None)
        {
            _open.TryRemove(key, out _);
        }
        else if (_open.TryAdd(key, true))
        {
            MonitoringLog.FindingOpened(_logger, monitoringEvent.ModelName, monitoringEvent.Kind, monitoringEvent.Summary);
        }
    }
}
