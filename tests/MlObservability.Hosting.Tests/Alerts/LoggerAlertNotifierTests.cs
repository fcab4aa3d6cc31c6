using Microsoft.Extensions.Logging;
using MlObservability.Alerts;
using MlObservability.Drift;
using MlObservability.Hosting.Alerts;
using MlObservability.Hosting.Tests.Support;

namespace MlObservability.Hosting.Tests.Alerts;

public sealed class LoggerAlertNotifierTests
{
    [Test]
    public async Task Alert_lines_of_drifted_features_name_the_feature_method_score_and_threshold()
    {
        // Real findings from a drift monitor, through the real alert engine, to the log notifier.
        var profile = new ReferenceProfileBuilder(["alcohol", "ash"]);
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            profile.AddRow([random.NextDouble(), random.NextDouble()]);
        }

        var engine = new AlertEngine(StandardAlertRules.For("alert-wine", [], new AlertSignals(), new AlertThresholds { DriftCriticalFor = TimeSpan.Zero }));
        using var drift = new DriftMonitor("alert-wine", "1", profile.Build(), new DriftMonitorOptions { WindowSize = 200, MinimumSamples = 50 }, engine);
        for (int i = 0; i < 200; i++)
        {
            drift.RecordFeatures([5 + random.NextDouble(), 5 + random.NextDouble()]);
        }

        var now = DateTimeOffset.UtcNow;
        drift.Evaluate(now);
        var notifications = engine.EvaluateRules(now);

        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var notifier = new LoggerAlertNotifier(factory.CreateLogger<LoggerAlertNotifier>());
        foreach (var notification in notifications)
        {
            await notifier.SendAsync(notification, CancellationToken.None);
        }

        var lines = logs.Entries.Where(e => e.EventId.Id == 10).Select(e => e.Message).ToList();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Distinct().Count(), Is.EqualTo(lines.Count), "every line differs");
        Assert.That(lines, Has.Some.Contains("feature=alcohol method=ks").And.Contains("Feature 'alcohol' of alert-wine ks = 1.0000").And.Contains("(threshold 0.25)"));
        Assert.That(lines, Has.Some.Contains("feature=ash method=psi").And.Contains("Feature 'ash' of alert-wine psi = "));
    }
}
