using System.Text.Json;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;

namespace MlObservability.Tests.Alerts.Notifiers;

public sealed class NotifierPayloadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    internal static AlertNotification Sample(AlertState state = AlertState.Firing, Severity severity = Severity.Critical) => new()
    {
        GroupKey = "{model=\"fraud\",severity=\"critical\"}",
        GroupLabels = new Dictionary<string, string> { ["model"] = "fraud", ["severity"] = AlertLabels.SeverityValue(severity) },
        CreatedAt = T0,
        Alerts =
        [
            new Alert
            {
                Fingerprint = "0123456789abcdef",
                Severity = severity,
                State = state,
                Labels = new SortedDictionary<string, string> { ["alertname"] = "MlHighErrorRate", ["severity"] = AlertLabels.SeverityValue(severity), ["model"] = "fraud" },
                Annotations = new SortedDictionary<string, string> { ["summary"] = "Error rate above 5 %", ["description"] = "value 0.1 > threshold 0.05", ["runbook"] = "roll back" },
                ActiveSince = T0.AddMinutes(-5),
                StartsAt = T0,
                EndsAt = state == AlertState.Resolved ? T0.AddMinutes(10) : null,
                Value = 0.1,
            },
        ],
    };

    private static async Task<JsonElement> SendAndReceive(IAlertNotifier notifier, LoopbackHttpServer server, AlertNotification notification, string expectedPath)
    {
        await notifier.SendAsync(notification, CancellationToken.None);
        var request = await server.NextAsync();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Path, Is.EqualTo(expectedPath));
        return JsonDocument.Parse(request.Body).RootElement.Clone();
    }

    [Test]
    public async Task Webhook_posts_the_alertmanager_webhook_shape()
    {
        using var server = new LoopbackHttpServer();
        using var notifier = new WebhookAlertNotifier(new Uri(server.BaseUrl, "hooks/T000/SECRET"));
        var body = await SendAndReceive(notifier, server, Sample(), "/hooks/T000/SECRET");
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("firing"));
            Assert.That(body.GetProperty("groupLabels").GetProperty("model").GetString(), Is.EqualTo("fraud"));
            Assert.That(body.GetProperty("commonLabels").GetProperty("alertname").GetString(), Is.EqualTo("MlHighErrorRate"));
            var alert = body.GetProperty("alerts")[0];
            Assert.That(alert.GetProperty("fingerprint").GetString(), Is.EqualTo("0123456789abcdef"));
            Assert.That(alert.GetProperty("annotations").GetProperty("runbook").GetString(), Is.EqualTo("roll back"));
            Assert.That(alert.GetProperty("startsAt").GetString(), Is.EqualTo("2026-01-01T12:00:00.000Z"));
            Assert.That(notifier.ToString(), Does.Not.Contain("SECRET"));
        });
    }

    [Test]
    public async Task Slack_posts_text_and_one_coloured_attachment_per_alert()
    {
        using var server = new LoopbackHttpServer();
        using var notifier = new SlackAlertNotifier(new Uri(server.BaseUrl, "services/T/B/SECRET"), "#ml-alerts");
        var body = await SendAndReceive(notifier, server, Sample(), "/services/T/B/SECRET");
        var attachment = body.GetProperty("attachments")[0];
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("channel").GetString(), Is.EqualTo("#ml-alerts"));
            Assert.That(body.GetProperty("text").GetString(), Does.Contain("CRITICAL").And.Contain("1 firing"));
            Assert.That(attachment.GetProperty("color").GetString(), Is.EqualTo("danger"));
            Assert.That(attachment.GetProperty("title").GetString(), Is.EqualTo("[FIRING] MlHighErrorRate: Error rate above 5 %"));
            Assert.That(attachment.GetProperty("text").GetString(), Does.Contain("*Runbook*: roll back"));
            Assert.That(notifier.ToString(), Does.Not.Contain("SECRET"));
        });
    }

    [Test]
    public async Task PagerDuty_triggers_and_resolves_with_the_fingerprint_as_dedup_key()
    {
        using var server = new LoopbackHttpServer();
        using var notifier = new PagerDutyAlertNotifier("ROUTINGKEY123", endpoint: new Uri(server.BaseUrl, "v2/enqueue"));
        var trigger = await SendAndReceive(notifier, server, Sample(), "/v2/enqueue");
        var resolve = await SendAndReceive(notifier, server, Sample(AlertState.Resolved), "/v2/enqueue");
        Assert.Multiple(() =>
        {
            Assert.That(trigger.GetProperty("routing_key").GetString(), Is.EqualTo("ROUTINGKEY123"));
            Assert.That(trigger.GetProperty("event_action").GetString(), Is.EqualTo("trigger"));
            Assert.That(trigger.GetProperty("dedup_key").GetString(), Is.EqualTo("0123456789abcdef"));
            Assert.That(trigger.GetProperty("payload").GetProperty("severity").GetString(), Is.EqualTo("critical"));
            Assert.That(trigger.GetProperty("payload").GetProperty("source").GetString(), Is.EqualTo("fraud"));
            Assert.That(trigger.GetProperty("payload").GetProperty("summary").GetString(), Is.EqualTo("MlHighErrorRate fraud: Error rate above 5 %"));
            Assert.That(resolve.GetProperty("event_action").GetString(), Is.EqualTo("resolve"));
            Assert.That(resolve.GetProperty("dedup_key").GetString(), Is.EqualTo("0123456789abcdef"));
            Assert.That(notifier.ToString(), Does.Not.Contain("ROUTINGKEY123"));
        });
    }

    [Test]
    public async Task PagerDuty_skips_alerts_below_its_minimum_severity()
    {
        using var server = new LoopbackHttpServer();
        using var notifier = new PagerDutyAlertNotifier("KEY", endpoint: new Uri(server.BaseUrl, "v2/enqueue"));
        await notifier.SendAsync(Sample(severity: Severity.Warning), CancellationToken.None);
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task Alertmanager_posts_an_array_of_alerts_to_api_v2()
    {
        using var server = new LoopbackHttpServer();
        using var notifier = new AlertmanagerAlertNotifier(server.BaseUrl);
        var body = await SendAndReceive(notifier, server, Sample(AlertState.Resolved), "/api/v2/alerts");
        Assert.Multiple(() =>
        {
            Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(body[0].GetProperty("labels").GetProperty("alertname").GetString(), Is.EqualTo("MlHighErrorRate"));
            Assert.That(body[0].GetProperty("endsAt").GetString(), Is.EqualTo("2026-01-01T12:10:00.000Z"));
        });
    }

    [Test]
    public async Task TextWriter_notifier_writes_one_line_per_alert()
    {
        using var text = new StringWriter();
        var notifier = new TextWriterAlertNotifier(text);
        await notifier.SendAsync(Sample(), CancellationToken.None);
        Assert.That(text.ToString().Trim(), Is.EqualTo("[FIRING] critical MlHighErrorRate model=fraud: Error rate above 5 % (value 0.1 > threshold 0.05)"));
    }

    [Test]
    public void A_non_success_status_throws_without_the_url()
    {
        using var server = new LoopbackHttpServer(_ => 500);
        using var notifier = new WebhookAlertNotifier(new Uri(server.BaseUrl, "hook/SECRET"));
        var error = Assert.ThrowsAsync<AlertDeliveryException>(() => notifier.SendAsync(Sample(), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("HTTP 500").And.Not.Contain("SECRET"));
    }
}
