using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Tests.Alerts;

/// <summary>The quick start of docs/alerting.md, compiled and run (against loopback targets).</summary>
public sealed class DocumentationExampleTests
{
    [Test]
    public async Task Quick_start_runs_and_pages_on_an_error_burst()
    {
        using var server = new LoopbackHttpServer();
        string slackWebhookUrl = new Uri(server.BaseUrl, "slack/SECRET").ToString();
        string pagerDutyRoutingKey = "routing-key";
        string prediction = "fraud";
        string label = "fraud";
        var console = new StringWriter();

        // --- docs/alerting.md quick start (Console.Out replaced by a StringWriter, PagerDuty pointed at loopback) ---
        var slos = SloObjective.SeedDefaults(); // P95 < 500 ms, errors < 1 %, availability 99.5 %, accuracy > 85 %

        using var slack = new SlackAlertNotifier(new Uri(slackWebhookUrl));
        using var pagerDuty = new PagerDutyAlertNotifier(pagerDutyRoutingKey, endpoint: new Uri(server.BaseUrl, "v2/enqueue")); // pages Critical only
        await using var dispatcher = new NotificationDispatcher([slack, pagerDuty, new TextWriterAlertNotifier(console)]);

        using var metrics = new InferenceMetrics("docs-model", "v3");
        using var engine = new AlertEngine(
            StandardAlertRules.For("docs-model", slos, AlertSignals.From(metrics, percentile: 0.95), new AlertThresholds { ErrorRateCriticalFor = TimeSpan.Zero }),
            dispatcher: dispatcher);
        using var tracker = new SloTracker("docs-model", slos, "v3", sink: engine);
        using var subscription = metrics.Subscribe(tracker); // every inference now counts, no extra call

        // Labelled outcomes from the quality module feed the accuracy objective:
        tracker.RecordEvent("accuracy", good: prediction == label);

        for (int i = 0; i < 100; i++)
        {
            metrics.Record(0.01, i < 50 ? InferenceOutcome.Error : InferenceOutcome.Success, "Timeout");
        }

        // Once a minute (the hosting package schedules every IMonitoringEvaluator for you):
        var now = DateTimeOffset.UtcNow;
        tracker.Evaluate(now);
        engine.Evaluate(now);
        // --- end of quick start ---

        for (int i = 0; i < 200 && dispatcher.GetCounts("text").Sent == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Multiple(() =>
        {
            Assert.That(tracker.GetStatus("accuracy")!.Good, Is.EqualTo(1));
            Assert.That(tracker.GetStatus("error_rate")!.Compliance, Is.EqualTo(0.5));
            Assert.That(console.ToString(), Does.Contain("[FIRING] critical MlHighErrorRate model=docs-model"));
        });
    }
}
