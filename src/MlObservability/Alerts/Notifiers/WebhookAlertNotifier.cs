namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Posts each notification as JSON in the Alertmanager webhook format (<c>version</c>, <c>groupKey</c>,
/// <c>status</c>, <c>groupLabels</c>, <c>commonLabels</c>, <c>alerts</c>), so receivers written for Alertmanager work
/// unchanged. The URL is treated as a secret.
/// </summary>
public sealed class WebhookAlertNotifier : IAlertNotifier, IDisposable
{
    private readonly JsonHttpTarget _target;

    /// <summary>Creates the notifier.</summary>
    /// <param name="url">The webhook URL (a secret: never logged).</param>
    /// <param name="name">The notifier name for metrics and diagnostics.</param>
    /// <param name="httpClient">The client to use (for example from IHttpClientFactory); when null, a private one that keeps the URL (a secret) out of HTTP tracing and the System.Net.Http event source. A client you pass is traced as its own pipeline says.</param>
    public WebhookAlertNotifier(Uri url, string name = "webhook", HttpClient? httpClient = null)
    {
        _target = new JsonHttpTarget(url, httpClient);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken) =>
        _target.PostAsync(Name, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("version", "4");
            writer.WriteString("groupKey", notification.GroupKey);
            writer.WriteString("status", notification.Status);
            writer.WriteString("receiver", Name);
            AlertJson.WriteMap(writer, "groupLabels", notification.GroupLabels);
            AlertJson.WriteMap(writer, "commonLabels", CommonLabels(notification));
            writer.WriteStartArray("alerts");
            foreach (var alert in notification.Alerts)
            {
                AlertJson.WriteAlert(writer, alert);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }, cancellationToken);

    /// <summary>Disposes the private HTTP client, if any.</summary>
    public void Dispose() => _target.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(WebhookAlertNotifier)}({Name}, {_target.RedactedUrl})";

    private static Dictionary<string, string> CommonLabels(AlertNotification notification)
    {
        var common = new Dictionary<string, string>(notification.Alerts[0].Labels, StringComparer.Ordinal);
        foreach (var alert in notification.Alerts.Skip(1))
        {
            foreach (var key in common.Keys.ToArray())
            {
                if (!alert.Labels.TryGetValue(key, out var v) || v != common[key])
                {
                    common.Remove(key);
                }
            }
        }

        return common;
    }
}
