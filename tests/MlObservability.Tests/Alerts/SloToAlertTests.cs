using Microsoft.Extensions.Time.Testing;
using MlObservability.Alerts;
using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Tests.Alerts;

public sealed class SloToAlertTests
{
    [Test]
    public void An_error_burst_recorded_through_inference_metrics_pages_through_the_slo_burn_rule()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var slos = SloObjective.SeedDefaults();
        using var engine = new AlertEngine(StandardAlertRules.For("e2e-model", slos), new AlertEngineOptions { TimeProvider = time });
        using var metrics = new InferenceMetrics("e2e-model", options: new InferenceMetricsOptions { TimeProvider = time });
        using var tracker = new SloTracker("e2e-model", slos, options: new SloTrackerOptions { TimeProvider = time }, sink: engine);
        using var subscription = metrics.Subscribe(tracker);
        var pages = new List<Alert>();
        for (int minute = 0; minute < 70; minute++)
        {
            for (int i = 0; i < 50; i++)
            {
                metrics.Record(0.05, i < 15 ? InferenceOutcome.Error : InferenceOutcome.Success, i < 15 ? "Timeout" : null);
            }

            time.Advance(TimeSpan.FromMinutes(1));
            tracker.Evaluate(time.GetUtcNow());
            pages.AddRange(engine.EvaluateRules(time.GetUtcNow()).SelectMany(n => n.Alerts));
        }

        var page = pages.First(a => a.Severity == Severity.Critical);
        Assert.Multiple(() =>
        {
            Assert.That(page.Name, Is.EqualTo(StandardAlertRules.SloBurn));
            Assert.That(page.Labels["slo"], Is.AnyOf("error_rate", "availability"));
            Assert.That(page.Labels["model"], Is.EqualTo("e2e-model"));
            Assert.That(page.Annotations["runbook"], Does.Contain("roll back"));
            Assert.That(pages.Where(a => a.Severity < Severity.Critical), Is.Empty, "the ticket-level burn alerts are inhibited by the page");
        });
    }
}
