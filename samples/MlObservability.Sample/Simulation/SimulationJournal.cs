using System.Collections.Concurrent;
using System.Diagnostics;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;

namespace MlObservability.Sample.Simulation;

/// <summary>
/// Remembers what the monitoring found during the simulation, for the final report: the first time each drift, decay
/// and burn finding reached warning or worse, and every alert notification (fired, resolved). It is an ordinary
/// <see cref="IMonitoringEventSink"/> and <see cref="IAlertNotifier"/>, registered in the container like any other.
/// </summary>
public sealed class SimulationJournal : IMonitoringEventSink, IAlertNotifier
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, Finding> _findings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AlertEntry> _alerts = new();
    private readonly ConcurrentDictionary<string, (MonitoringEvent Event, double LastSeen)> _byPhase = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _phaseStarts = new(StringComparer.Ordinal);
    private string _phase = "starting";

    /// <summary>What the simulation is doing now; findings are tagged with it.</summary>
    public string Phase
    {
        get => _phase;
        set
        {
            _phaseStarts[value] = Elapsed;
            _phase = value;
        }
    }

    /// <inheritdoc/>
    public string Name => "simulation-journal";

    /// <summary>Findings at warning or worse, keyed by kind and labels, with when they were first and last seen.</summary>
    public IReadOnlyCollection<Finding> Findings => _findings.Values.ToArray();

    /// <summary>One event of each finding (kind and labels) at warning or worse seen during <paramref name="phase"/>,
    /// whether or not it was first seen then.</summary>
    /// <param name="phase">The phase name.</param>
    /// <param name="settleSeconds">Leave out findings last seen within this many seconds of the phase's start: a
    /// windowed detector evaluated then judges rows recorded before the phase began.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<MonitoringEvent> WarningsIn(string phase, double settleSeconds = 0)
    {
        double settled = _phaseStarts.GetValueOrDefault(phase) + settleSeconds;
        return [.. _byPhase.Where(p => p.Key.StartsWith(phase + "|", StringComparison.Ordinal) && p.Value.LastSeen >= settled).Select(p => p.Value.Event)];
    }

    /// <summary>Alert notifications in the order they were delivered.</summary>
    public IReadOnlyCollection<AlertEntry> Alerts => _alerts.ToArray();

    /// <summary>Seconds since the simulation started.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>When the simulation started (wall clock), to place timestamped records on its timeline.</summary>
    public DateTimeOffset StartedAt { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Restarts the clock when traffic starts.</summary>
    public void Start()
    {
        StartedAt = DateTimeOffset.UtcNow;
        _clock.Restart();
    }

    /// <summary>Seconds from the start of the simulation to <paramref name="at"/>.</summary>
    /// <param name="at">A wall-clock time.</param>
    /// <returns>Seconds into the simulation.</returns>
    public double SecondsAt(DateTimeOffset at) => (at - StartedAt).TotalSeconds;

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        if (monitoringEvent.Severity < Severity.Warning)
        {
            return;
        }

        string key = monitoringEvent.Kind + "|" + string.Join(",", monitoringEvent.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
        double now = Elapsed;
        _byPhase.AddOrUpdate(Phase + "|" + key, (monitoringEvent, now), (_, existing) => (existing.Event, now));
        _findings.AddOrUpdate(
            key,
            _ => new Finding(monitoringEvent, Phase, now, now, monitoringEvent.Severity),
            (_, existing) => existing with
            {
                LastSeen = now,
                WorstSeverity = existing.WorstSeverity > monitoringEvent.Severity ? existing.WorstSeverity : monitoringEvent.Severity,
                Worst = monitoringEvent.Severity > existing.WorstSeverity || (monitoringEvent.Severity == existing.WorstSeverity && monitoringEvent.Value > existing.Worst.Value) ? monitoringEvent : existing.Worst,
            });
    }

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        foreach (var alert in notification.Alerts)
        {
            _alerts.Enqueue(new AlertEntry(alert, Phase, Elapsed));
        }

        return Task.CompletedTask;
    }

    /// <summary>One finding at warning or worse.</summary>
    /// <param name="Worst">The event with the worst severity (and, among those, the largest value).</param>
    /// <param name="Phase">The phase it was first seen in.</param>
    /// <param name="FirstSeen">Seconds into the simulation it was first seen.</param>
    /// <param name="LastSeen">Seconds into the simulation it was last seen.</param>
    /// <param name="WorstSeverity">The worst severity seen.</param>
    public sealed record Finding(MonitoringEvent Worst, string Phase, double FirstSeen, double LastSeen, Severity WorstSeverity);

    /// <summary>One alert in one notification.</summary>
    /// <param name="Alert">The alert.</param>
    /// <param name="Phase">The phase it was delivered in.</param>
    /// <param name="At">Seconds into the simulation it was delivered.</param>
    public sealed record AlertEntry(Alert Alert, string Phase, double At);
}
