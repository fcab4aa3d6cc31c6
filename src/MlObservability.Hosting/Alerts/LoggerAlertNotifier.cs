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
            if (!_logger.IsEnabled(level))
            {
                continue;
            }

            string labels = DescribeLabels(alert);
            alert.Annotations.TryGetValue(AlertLabels.Summary, out string? summary);
            alert.Annotations.TryGetValue(AlertLabels.Description, out string? description);
            alert.Annotations.TryGetValue(AlertLabels.Runbook, out string? runbook);
            LogAlert(_logger, level, alert.State, alert.Name, alert.Severity, alert.Model, labels, alert.Fingerprint, summary ?? string.Empty, description ?? string.Empty, runbook ?? string.Empty);
        }

        return Task.CompletedTask;
    }

    /// <summary>The labels that tell alerts of one rule apart (feature, method, objective...), as <c>feature=alcohol method=psi</c>.</summary>
    private static string DescribeLabels(Alert alert) => string.Join(' ', alert.Labels
        .Where(l => l.Key is not (AlertLabels.AlertName or AlertLabels.Severity or AlertLabels.Model))
        .OrderBy(l => l.Key, StringComparer.Ordinal)
        .Select(l => l.Key + "=" + l.Value));

    [LoggerMessage(EventId = 10, EventName = "MlAlert", Message = "{AlertState} {AlertName} ({Severity}) model={Model} {AlertLabels} fingerprint={Fingerprint}: {Summary}. {Description} Runbook: {Runbook}")]
    private static partial void LogAlert(ILogger logger, LogLevel level, AlertState alertState, string alertName, Severity severity, string model, string alertLabels, string fingerprint, string summary, string description, string runbook);
}
