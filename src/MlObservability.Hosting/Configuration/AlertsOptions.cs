namespace MlObservability.Hosting.Configuration;

/// <summary>
/// The in-process alert engine and where its notifications go (<c>MlMonitoring:Alerts</c>). Secrets (webhook URLs,
/// routing keys) are never logged; prefer environment variables or a secret store for them.
/// </summary>
public sealed class AlertsOptions
{
    /// <summary>Whether the alert engine runs. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a still-firing alert is notified again. Default 4 hours.</summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Whether alerts are written to the application's <c>ILogger</c>. Default <see langword="true"/>.</summary>
    public bool Log { get; set; } = true;

    /// <summary>A generic JSON webhook (Alertmanager webhook payload); none when <see langword="null"/>.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>A Slack incoming-webhook URL; none when <see langword="null"/>.</summary>
    public Uri? SlackWebhookUrl { get; set; }

    /// <summary>The Slack channel to post to; the webhook's default when <see langword="null"/>.</summary>
    public string? SlackChannel { get; set; }

    /// <summary>A PagerDuty Events API v2 routing key; none when <see langword="null"/>. Only critical alerts page.</summary>
    public string? PagerDutyRoutingKey { get; set; }

    /// <summary>A Prometheus Alertmanager base URL (alerts are posted to <c>/api/v2/alerts</c>); none when <see langword="null"/>.</summary>
    public Uri? AlertmanagerUrl { get; set; }

    /// <summary>Alert email over SMTP (<c>Alerts:Email</c>: host, security, credentials, sender, recipients); none when
    /// <see langword="null"/>.</summary>
    public EmailAlertOptions? Email { get; set; }
}
