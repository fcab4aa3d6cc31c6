namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Sends each alert to the PagerDuty Events API v2 (<c>POST /v2/enqueue</c>): <c>trigger</c> while firing and
/// <c>resolve</c> once resolved, with the alert fingerprint as <c>dedup_key</c> so repeats update one incident. The
/// routing key is a secret: it appears only in the request body, never in logs or <see cref="ToString"/>.
/// </summary>
public sealed class PagerDutyAlertNotifier : IAlertNotifier, IDisposable
{
    /// <summary>The public Events API v2 endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://events.pagerduty.com/v2/enqueue");

    private readonly JsonHttpTarget _target;
    private readonly string _routingKey;
    private readonly Severity _minimumSeverity;

    /// <summary>Creates the notifier.</summary>
    /// <param name="routingKey">The integration's routing key (a secret).</param>
    /// <param name="minimumSeverity">Alerts below this severity are not sent; Critical by default (pages only).</param>
    /// <param name="endpoint">The Events API endpoint; <see cref="DefaultEndpoint"/> when null.</param>
    /// <param name="name">The notifier name for metrics and diagnostics.</param>
    /// <param name="httpClient">The client to use; when null, a private one that keeps the URL (a secret) out of HTTP tracing and the System.Net.Http event source. A client you pass is traced as its own pipeline says.</param>
    public PagerDutyAlertNotifier(string routingKey, Severity minimumSeverity = Severity.Critical, Uri? endpoint = null, string name = "pagerduty", HttpClient? httpClient = null)
    {
        if (string.IsNullOrWhiteSpace(routingKey))
        {
            throw new ArgumentException("The PagerDuty routing key (integration key of an Events API v2 integration) is required.", nameof(routingKey));
        }

        _routingKey = routingKey;
        _minimumSeverity = minimumSeverity;
        _target = new JsonHttpTarget(endpoint ?? DefaultEndpoint, httpClient);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        foreach (var alert in notification.Alerts.Where(a => a.Severity >= _minimumSeverity))
        {
            await _target.PostAsync(Name, writer => WriteEvent(writer, alert), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the private HTTP client, if any.</summary>
    public void Dispose() => _target.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(PagerDutyAlertNotifier)}({Name}, {_target.RedactedUrl}, routing key ***)";

    private void WriteEvent(System.Text.Json.Utf8JsonWriter writer, Alert alert)
    {
        writer.WriteStartObject();
        writer.WriteString("routing_key", _routingKey);
        writer.WriteString("dedup_key", alert.Fingerprint);
        if (alert.State == AlertState.Resolved)
        {
            writer.WriteString("event_action", "resolve");
            writer.WriteEndObject();
            return;
        }

        writer.WriteString("event_action", "trigger");
        writer.WriteStartObject("payload");
        writer.WriteString("summary", Truncate($"{alert.Name} {alert.Model}: {alert.Annotations[AlertLabels.Summary]}", 1024));
        writer.WriteString("source", alert.Model.Length > 0 ? alert.Model : "mlobservability");
        writer.WriteString("severity", alert.Severity switch
        {
            Severity.Critical => "critical",
            Severity.Warning => "warning",
            _ => "info",
        });
        writer.WriteString("timestamp", AlertJson.Time(alert.StartsAt ?? alert.ActiveSince));
        writer.WriteString("component", alert.Model);
        writer.WriteString("group", alert.Name);
        writer.WriteStartObject("custom_details");
        foreach (var (key, value) in alert.Labels)
        {
            writer.WriteString(key, value);
        }

        foreach (var (key, value) in alert.Annotations)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
