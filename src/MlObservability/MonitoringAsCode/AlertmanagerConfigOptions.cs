namespace MlObservability.MonitoringAsCode;

/// <summary>Settings of the generated Alertmanager configuration.</summary>
public sealed class AlertmanagerConfigOptions
{
    /// <summary>How long Alertmanager waits to batch the first notification of a group; 30 seconds (the seeds).</summary>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long it waits before notifying a group about new alerts; 5 minutes.</summary>
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before a still-firing alert is notified again; 4 hours.</summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Folder holding the secret files (PagerDuty routing key, Slack webhook URL), mounted at deploy time so
    /// no secret is ever written into the configuration.</summary>
    public string SecretsDirectory { get; set; } = "/etc/alertmanager/secrets";

    /// <summary>Slack channel for warnings.</summary>
    public string WarningChannel { get; set; } = "#ml-alerts-warnings";

    /// <summary>Slack channel for info alerts.</summary>
    public string InfoChannel { get; set; } = "#ml-alerts-info";
}
