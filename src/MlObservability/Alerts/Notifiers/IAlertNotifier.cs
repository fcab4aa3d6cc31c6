namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Delivers an <see cref="AlertNotification"/> somewhere (a log, a webhook, Slack, PagerDuty, Alertmanager).
/// Called by the <see cref="NotificationDispatcher"/> on its background loop, never on the recording or evaluation
/// path. Throw to report a failed attempt (the dispatcher retries); never put secrets in exception messages or
/// <see cref="object.ToString"/>.
/// </summary>
public interface IAlertNotifier
{
    /// <summary>A name for metrics and diagnostics (tag <c>ml.alert.notifier</c>); no secrets.</summary>
    string Name { get; }

    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Cancelled when the per-attempt timeout elapses or the dispatcher stops.</param>
    /// <returns>A task that completes when the target accepted the notification.</returns>
    Task SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}
