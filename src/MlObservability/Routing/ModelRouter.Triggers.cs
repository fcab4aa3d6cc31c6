using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Challengers;

namespace MlObservability.Routing;

public sealed partial class ModelRouter<TModel> : IAlertNotifier, IMonitoringEventSink
{
    private long _ignoredAlerts;

    /// <inheritdoc/>
    public string Name => "router:" + ModelName;

    /// <summary>Firing rollback alerts ignored because they began before the active version was activated (they are about an earlier version).</summary>
    public long StaleAlertCount => Interlocked.Read(ref _ignoredAlerts);

    /// <summary>
    /// Receives the alert engine's notifications on the dispatcher's background loop: a firing alert named in
    /// <see cref="ModelRouterOptions.RollbackAlerts"/> for this model, at least <see cref="ModelRouterOptions.MinimumSeverity"/>,
    /// that began after the active version was activated (not at the same instant), rolls back to the previous version (within the guard rails).
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Not used: the decision does not wait.</param>
    /// <returns>A completed task.</returns>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var alert in notification.Alerts)
        {
            if (alert.State != AlertState.Firing || alert.Severity < _options.MinimumSeverity
                || !_rollbackAlerts.Contains(alert.Name) || !string.Equals(alert.Model, ModelName, StringComparison.Ordinal))
            {
                continue;
            }

            lock (_gate)
            {
                if (_active is not { } active)
                {
                    continue;
                }

                if (alert.ActiveSince <= active.ActivatedAt)
                {
                    Interlocked.Increment(ref _ignoredAlerts);
                    continue;
                }

                string summary = alert.Annotations.TryGetValue(AlertLabels.Summary, out var s) ? s : string.Empty;
                Decide(RouterAction.Rollback, _previous, $"{alert.Name} fired for {ModelName} {active.Version}: {summary}", automatic: true);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Receives monitoring events on the evaluation loop: with <see cref="ModelRouterOptions.AutoPromote"/>, a challenger
    /// reported significantly better than the active version (<see cref="ChallengerShadow{TInput}.BetterEventKind"/>) on
    /// <see cref="ModelRouterOptions.PromotionConsecutiveEvaluations"/> evaluations in a row is promotion's candidate.
    /// Other events are ignored.
    /// </summary>
    /// <param name="monitoringEvent">The event.</param>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoringEvent);
        if (!_options.AutoPromote || monitoringEvent.Kind != ChallengerShadow<object>.BetterEventKind
            || !string.Equals(monitoringEvent.ModelName, ModelName, StringComparison.Ordinal)
            || !monitoringEvent.Labels.TryGetValue(ChallengerShadow<object>.ChallengerVersionLabel, out var challenger))
        {
            return;
        }

        lock (_gate)
        {
            if (_active is not { } active || !string.Equals(monitoringEvent.ModelVersion, active.Version, StringComparison.Ordinal))
            {
                return;
            }

            if (monitoringEvent.Severity == Severity.None)
            {
                _promotionStreak = _promotionCandidate == challenger ? 0 : _promotionStreak;
                return;
            }

            _promotionStreak = _promotionCandidate == challenger ? _promotionStreak + 1 : 1;
            _promotionCandidate = challenger;
            if (_promotionStreak >= _options.PromotionConsecutiveEvaluations)
            {
                _promotionStreak = 0;
                Decide(RouterAction.Promotion, challenger, monitoringEvent.Summary, automatic: true);
            }
        }
    }
}
