using System.Text;

namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Posts each notification to a Slack incoming webhook (or a Slack-compatible one such as Mattermost): a
/// <c>text</c> fallback and one attachment per alert, coloured by severity, with the summary, description and
/// runbook. The webhook URL is a secret and never logged.
/// </summary>
public sealed class SlackAlertNotifier : IAlertNotifier, IDisposable
{
    private readonly JsonHttpTarget _target;
    private readonly string? _channel;

    /// <summary>Creates the notifier.</summary>
    /// <param name="webhookUrl">The incoming-webhook URL (a secret).</param>
    /// <param name="channel">Overrides the webhook's channel, for example <c>#ml-alerts</c>; optional.</param>
    /// <param name="name">The notifier name for metrics and diagnostics.</param>
    /// <param name="httpClient">The client to use; when null, a private one that keeps the URL (a secret) out of HTTP tracing and the System.Net.Http event source. A client you pass is traced as its own pipeline says.</param>
    public SlackAlertNotifier(Uri webhookUrl, string? channel = null, string name = "slack", HttpClient? httpClient = null)
    {
        _target = new JsonHttpTarget(webhookUrl, httpClient);
        _channel = channel;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken) =>
        _target.PostAsync(Name, writer =>
        {
            writer.WriteStartObject();
            if (_channel is not null)
            {
                writer.WriteString("channel", _channel);
            }

            writer.WriteString("text", Headline(notification));
            writer.WriteStartArray("attachments");
            foreach (var alert in notification.Alerts)
            {
                writer.WriteStartObject();
                writer.WriteString("color", alert.State == AlertState.Resolved ? "good" : alert.Severity switch
                {
                    Severity.Critical => "danger",
                    Severity.Warning => "warning",
                    _ => "#439FE0",
                });
                writer.WriteString("title", $"[{(alert.State == AlertState.Resolved ? "RESOLVED" : "FIRING")}] {alert.Name}: {alert.Annotations[AlertLabels.Summary]}");
                writer.WriteString("text", Body(alert));
                writer.WriteString("fallback", AlertJson.Line(alert));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }, cancellationToken);

    /// <summary>Disposes the private HTTP client, if any.</summary>
    public void Dispose() => _target.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(SlackAlertNotifier)}({Name}, {_target.RedactedUrl})";

    private static string Headline(AlertNotification n)
    {
        int firing = n.Alerts.Count(a => a.State == AlertState.Firing);
        int resolved = n.Alerts.Count - firing;
        return $"{AlertLabels.SeverityValue(n.Severity).ToUpperInvariant()} {n.GroupKey}: {firing} firing, {resolved} resolved";
    }

    private static string Body(Alert alert)
    {
        var text = new StringBuilder();
        text.Append(alert.Annotations[AlertLabels.Description]);
        foreach (var (key, value) in alert.Labels)
        {
            if (key is not (AlertLabels.AlertName))
            {
                text.Append('\n').Append('*').Append(key).Append("*: ").Append(value);
            }
        }

        if (alert.Annotations.TryGetValue(AlertLabels.Runbook, out var runbook) && runbook.Length > 0)
        {
            text.Append("\n*Runbook*: ").Append(runbook);
        }

        return text.ToString();
    }
}
