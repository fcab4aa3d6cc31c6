namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Pushes alerts to a Prometheus Alertmanager through its API v2 (<c>POST /api/v2/alerts</c>): labels, annotations,
/// <c>startsAt</c>, and <c>endsAt</c> once resolved. Alertmanager then does its own grouping, silencing and routing.
/// </summary>
public sealed class AlertmanagerAlertNotifier : IAlertNotifier, IDisposable
{
    private readonly JsonHttpTarget _target;

    /// <summary>Creates the notifier.</summary>
    /// <param name="alertmanagerUrl">The Alertmanager base URL, for example <c>http://alertmanager:9093/</c>.</param>
    /// <param name="name">The notifier name for metrics and diagnostics.</param>
    /// <param name="httpClient">The client to use; when null, a private one that keeps the URL (a secret) out of HTTP tracing and the System.Net.Http event source. A client you pass is traced as its own pipeline says.</param>
    public AlertmanagerAlertNotifier(Uri alertmanagerUrl, string name = "alertmanager", HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(alertmanagerUrl);
        string baseUrl = alertmanagerUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _target = new JsonHttpTarget(new Uri(baseUrl + "/api/v2/alerts"), httpClient);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken) =>
        _target.PostAsync(Name, writer =>
        {
            writer.WriteStartArray();
            foreach (var alert in notification.Alerts)
            {
                writer.WriteStartObject();
                AlertJson.WriteMap(writer, "labels", alert.Labels);
                AlertJson.WriteMap(writer, "annotations", alert.Annotations);
                writer.WriteString("startsAt", AlertJson.Time(alert.StartsAt ?? alert.ActiveSince));
                if (alert.EndsAt is { } ended)
                {
                    writer.WriteString("endsAt", AlertJson.Time(ended));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }, cancellationToken);

    /// <summary>Disposes the private HTTP client, if any.</summary>
    public void Dispose() => _target.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(AlertmanagerAlertNotifier)}({Name}, {_target.RedactedUrl})";
}
