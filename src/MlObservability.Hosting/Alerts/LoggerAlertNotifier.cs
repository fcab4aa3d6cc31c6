using Microsoft.Extensions.Logging;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;

namespace MlObservability.Hosting.Alerts;

/// <summary>
/// Writes alert notifications to an <see cref="ILogger"/>: critical alerts at <see cref="LogLevel.Critical"/>, warnings at
/// <see cref="LogLevel.Warning"/>, the rest and resolutions at <see cref="LogLevel.Information"/>.
/// </summary>
public sealed partial class LoggerAlertNotifier : IAlertNotifier
{
    private readonly ILogger _logger;

    /// <summary>Creates the notifier.</summary>
    /// <param name="logger">Where alerts are written.</param>
    /// <param name="name">The notifier name used in <c>ml.alerts.notifications</c>.</param>
    public LoggerAlertNotifier(ILogger<LoggerAlertNotifier> logger, string name = "log")
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var alert in notification.Alerts)
        {
            var level = alert.State == AlertState.Resolved
                ? LogLevel.Information
                : alert.Severity switch
                {
                    Severity.Critical => LogLevel.Critical,
                    Severity.Warning => LogLevel.Warning,
                    _ => LogLevel.Information,
                };
            alert.Annotations.TryGetValue(AlertLabels.Summary, out string? summary);
            alert.Annotations.TryGetValue(AlertLabels.Runbook, out string? runbook);
            LogAlert(_logger, level, alert.State, alert.Name, alert.Severity, alert.Model, alert.Fingerprint, summary ?? string.Empty, runbook ?? string.Empty);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 10, EventName = "MlAlert", Message = "{AlertState} {AlertName} ({Severity}) model={Model} fingerprint={Fingerprint}: {Summary} Runbook: {Runbook}")]
    private static partial void LogAlert(ILogger logger, LogLevel level, AlertState alertState, string alertName, Severity severity, string model, string fingerprint, string summary, string runbook);
}
