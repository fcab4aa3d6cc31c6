using Microsoft.Extensions.Logging;
using MlObservability.Alerts.Notifiers;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Alerts;

/// <summary>
/// The notifiers <see cref="AlertsOptions"/> configures (log, webhook, Slack, PagerDuty, Alertmanager, email), created once and
/// disposed with the container.
/// </summary>
internal sealed class ConfiguredAlertNotifiers : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public ConfiguredAlertNotifiers(AlertsOptions alerts, ILoggerFactory loggerFactory)
    {
        if (!alerts.Enabled)
        {
            return;
        }

        if (alerts.Log)
        {
            Notifiers.Add(new LoggerAlertNotifier(loggerFactory.CreateLogger<LoggerAlertNotifier>()));
        }

        AddOwned(alerts.WebhookUrl is { } webhook ? new WebhookAlertNotifier(webhook) : null);
        AddOwned(alerts.SlackWebhookUrl is { } slack ? new SlackAlertNotifier(slack, alerts.SlackChannel) : null);
        AddOwned(alerts.PagerDutyRoutingKey is { Length: > 0 } key ? new PagerDutyAlertNotifier(key) : null);
        AddOwned(alerts.AlertmanagerUrl is { } alertmanager ? new AlertmanagerAlertNotifier(alertmanager) : null);
        if (alerts.Email is { } email)
        {
            Notifiers.Add(new EmailAlertNotifier(email));
        }
    }

    public List<IAlertNotifier> Notifiers { get; } = [];

    public void Dispose()
    {
        foreach (var notifier in _owned)
        {
            notifier.Dispose();
        }
    }

    private void AddOwned<T>(T? notifier)
        where T : class, IAlertNotifier, IDisposable
    {
        if (notifier is not null)
        {
            Notifiers.Add(notifier);
            _owned.Add(notifier);
        }
    }
}
