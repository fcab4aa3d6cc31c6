using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Alerts;

namespace MlObservability.Tests.Alerts;

public sealed class AlertEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlertRule Threshold(string name, Severity severity, Func<double?> signal, double threshold, TimeSpan forDuration, string model = "fraud") => new()
    {
        Name = name,
        Severity = severity,
        Model = model,
        Condition = AlertCondition.Threshold(signal, AlertComparison.GreaterThan, threshold),
        For = forDuration,
        Summary = name + " summary",
        Runbook = "do something",
    };

    private static MonitoringEvent DriftEvent(string model, string feature, Severity severity) => new()
    {
        Kind = "drift.feature",
        ModelName = model,
        Severity = severity,
        Value = 0.3,
        Threshold = 0.15,
        Labels = new Dictionary<string, string> { ["feature"] = feature, ["method"] = "ks" },
        Summary = $"KS {feature}",
    };

    [Test]
    public void Pending_becomes_firing_after_the_for_duration_and_resolves_when_the_condition_clears()
    {
        double value = 0.1;
        using var engine = new AlertEngine([Threshold("MlHighErrorRate", Severity.Critical, () => value, 0.05, TimeSpan.FromMinutes(5))]);
        Assert.That(engine.EvaluateRules(T0), Is.Empty);
        Assert.That(engine.GetActiveAlerts().Single().State, Is.EqualTo(AlertState.Pending));
        Assert.That(engine.EvaluateRules(T0.AddMinutes(4)), Is.Empty, "still pending before 5 minutes");
        var fired = engine.EvaluateRules(T0.AddMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(fired, Has.Count.EqualTo(1));
            Assert.That(fired[0].Status, Is.EqualTo("firing"));
            var alert = fired[0].Alerts.Single();
            Assert.That(alert.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["alertname"] = "MlHighErrorRate", ["severity"] = "critical", ["model"] = "fraud" }));
            Assert.That(alert.Annotations["summary"], Is.EqualTo("MlHighErrorRate summary"));
            Assert.That(alert.Annotations["runbook"], Is.EqualTo("do something"));
            Assert.That(alert.Value, Is.EqualTo(0.1));
            Assert.That(alert.StartsAt, Is.EqualTo(T0.AddMinutes(5)));
        });
        Assert.That(engine.EvaluateRules(T0.AddMinutes(6)), Is.Empty, "no repeat before the repeat interval");
        value = 0.01;
        var resolved = engine.EvaluateRules(T0.AddMinutes(7));
        Assert.Multiple(() =>
        {
            Assert.That(resolved.Single().Status, Is.EqualTo("resolved"));
            Assert.That(resolved.Single().Alerts.Single().EndsAt, Is.EqualTo(T0.AddMinutes(7)));
            Assert.That(engine.GetActiveAlerts(), Is.Empty);
            Assert.That(engine.EvaluateRules(T0.AddMinutes(8)), Is.Empty, "resolved is sent once");
        });
    }

    [Test]
    public void A_pending_alert_that_clears_is_dropped_silently()
    {
        double value = 1;
        using var engine = new AlertEngine([Threshold("X", Severity.Warning, () => value, 0.5, TimeSpan.FromMinutes(10))]);
        engine.EvaluateRules(T0);
        value = 0;
        Assert.That(engine.EvaluateRules(T0.AddMinutes(1)), Is.Empty);
        value = 1;
        engine.EvaluateRules(T0.AddMinutes(2));
        Assert.That(engine.EvaluateRules(T0.AddMinutes(11)), Is.Empty, "the for duration restarted at minute 2");
        Assert.That(engine.EvaluateRules(T0.AddMinutes(12)), Has.Count.EqualTo(1));
    }

    [Test]
    public void Repeated_events_are_deduplicated_by_fingerprint_and_repeat_after_the_interval()
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new AlertEngine(
            [new AlertRule { Name = "MlDriftDetected", Severity = Severity.Warning, Condition = AlertCondition.OnEvent("drift.*", Severity.Warning), Summary = "drift" }],
            new AlertEngineOptions { TimeProvider = time, RepeatInterval = TimeSpan.FromHours(1) });
        int notified = 0;
        for (int minute = 0; minute <= 120; minute++)
        {
            engine.Publish(DriftEvent("fraud", "amount", Severity.Warning));
            engine.Publish(DriftEvent("fraud", "amount", Severity.Warning));
            notified += engine.EvaluateRules(time.GetUtcNow()).Sum(n => n.Alerts.Count);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Multiple(() =>
        {
            Assert.That(engine.GetActiveAlerts(), Has.Count.EqualTo(1));
            Assert.That(engine.GetActiveAlerts()[0].Labels["feature"], Is.EqualTo("amount"));
            Assert.That(notified, Is.EqualTo(3), "at minute 0, 60 and 120");
        });
    }

    [Test]
    public void Alerts_sharing_model_and_severity_are_grouped_into_one_notification()
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new AlertEngine(
            [new AlertRule { Name = "MlDriftDetected", Severity = Severity.Warning, Condition = AlertCondition.OnEvent("drift.feature", Severity.Warning), Summary = "drift" }],
            new AlertEngineOptions { TimeProvider = time });
        engine.Publish(DriftEvent("fraud", "amount", Severity.Warning));
        engine.Publish(DriftEvent("fraud", "country", Severity.Critical));
        engine.Publish(DriftEvent("churn", "tenure", Severity.Warning));
        engine.Publish(DriftEvent("churn", "plan", Severity.Info)); // below the rule's minimum
        var notifications = engine.EvaluateRules(T0);
        Assert.Multiple(() =>
        {
            Assert.That(notifications, Has.Count.EqualTo(2));
            Assert.That(notifications.Single(n => n.GroupLabels["model"] == "fraud").Alerts.Select(a => a.Labels["feature"]), Is.EquivalentTo(new[] { "amount", "country" }));
            Assert.That(notifications.Single(n => n.GroupLabels["model"] == "churn").Alerts.Single().Labels["feature"], Is.EqualTo("tenure"));
            Assert.That(notifications[0].GroupKey, Does.StartWith("{model=\"churn\",severity=\"warning\"}"));
        });
    }

    [Test]
    public void A_critical_alert_inhibits_lower_severities_of_the_same_model_until_it_resolves()
    {
        double errors = 0.1;
        double latency = 2;
        double otherModel = 2;
        using var engine = new AlertEngine(
        [
            Threshold("MlHighErrorRate", Severity.Critical, () => errors, 0.05, TimeSpan.Zero),
            Threshold("MlHighLatency", Severity.Warning, () => latency, 0.75, TimeSpan.Zero),
            Threshold("MlHighLatency", Severity.Warning, () => otherModel, 0.75, TimeSpan.Zero, model: "churn"),
        ]);
        var first = engine.EvaluateRules(T0);
        Assert.Multiple(() =>
        {
            Assert.That(first.SelectMany(n => n.Alerts).Select(a => (a.Name, a.Model)), Is.EquivalentTo(new[] { ("MlHighErrorRate", "fraud"), ("MlHighLatency", "churn") }));
            Assert.That(engine.GetActiveAlerts().Count(a => a.State == AlertState.Firing), Is.EqualTo(3), "the inhibited alert still fires, it is only not notified");
        });
        errors = 0;
        var second = engine.EvaluateRules(T0.AddMinutes(1));
        Assert.That(second.SelectMany(n => n.Alerts).Select(a => (a.Name, a.State)), Is.EquivalentTo(new[] { ("MlHighErrorRate", AlertState.Resolved), ("MlHighLatency", AlertState.Firing) }));
    }

    [Test]
    public void Event_conditions_clear_on_a_none_event_and_go_stale_when_the_detector_stops()
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new AlertEngine(
            [new AlertRule { Name = "MlQualityDecay", Severity = Severity.Warning, Condition = AlertCondition.OnEvent("quality.decay", Severity.Warning), Summary = "decay" }],
            new AlertEngineOptions { TimeProvider = time, EventStaleAfter = TimeSpan.FromMinutes(30) });
        var decay = new MonitoringEvent { Kind = "quality.decay", ModelName = "fraud", Severity = Severity.Warning };
        engine.Publish(decay);
        Assert.That(engine.EvaluateRules(time.GetUtcNow()), Has.Count.EqualTo(1));
        engine.Publish(decay with { Severity = Severity.None });
        Assert.That(engine.EvaluateRules(time.GetUtcNow()).Single().Status, Is.EqualTo("resolved"));
        engine.Publish(decay);
        Assert.That(engine.EvaluateRules(time.GetUtcNow()).Single().Status, Is.EqualTo("firing"));
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.That(engine.EvaluateRules(time.GetUtcNow()).Single().Status, Is.EqualTo("resolved"), "no event for longer than EventStaleAfter");
    }

    [Test]
    public void Latency_anomaly_fires_on_a_step_and_holds_long_enough_for_its_for_duration()
    {
        double p95 = 0.2;
        using var engine = new AlertEngine([new AlertRule
        {
            Name = "MlLatencyAnomaly",
            Severity = Severity.Info,
            Model = "fraud",
            Condition = AlertCondition.Anomaly(() => p95, window: 30, zScore: 3, minimumSamples: 10, baselineLag: 10),
            For = TimeSpan.FromMinutes(5),
            Summary = "anomaly",
        }]);
        var rng = new Random(7);
        for (int i = 0; i < 45; i++)
        {
            p95 = 0.2 + (rng.NextDouble() * 0.02);
            Assert.That(engine.EvaluateRules(T0.AddMinutes(i)), Is.Empty, $"normal variation at {i}");
        }

        p95 = 0.3; // a step that stays
        for (int i = 45; i < 50; i++)
        {
            Assert.That(engine.EvaluateRules(T0.AddMinutes(i)), Is.Empty, "pending during the for duration");
        }

        var fired = engine.EvaluateRules(T0.AddMinutes(50));
        Assert.That(fired.Single().Alerts.Single().Annotations["description"], Does.Contain("standard deviations above"));
        for (int i = 51; i < 65; i++)
        {
            engine.EvaluateRules(T0.AddMinutes(i));
        }

        Assert.That(engine.GetActiveAlerts(), Is.Empty, "once the new level is in the baseline it is no longer an anomaly");
    }

    [Test]
    public void Signals_shared_by_several_rules_are_read_once_per_evaluation()
    {
        long errors = 0;
        long requests = 0;
        var rate = AlertSignals.RatioSinceLastRead(() => errors, () => requests);
        using var engine = new AlertEngine(StandardAlertRules.For("fraud", [MlObservability.Slo.SloObjective.ErrorRate(0.01)], new AlertSignals { ErrorRate = rate }, new AlertThresholds { ErrorRateCriticalFor = TimeSpan.Zero, ErrorRateWarningFor = TimeSpan.Zero }));
        requests = 1000;
        errors = 100;
        var fired = engine.EvaluateRules(T0).SelectMany(n => n.Alerts).ToArray();
        Assert.That(fired.Select(a => a.Severity), Is.EquivalentTo(new[] { Severity.Critical }), "the warning is inhibited by the critical, which saw the same 10 %");
        Assert.That(engine.GetActiveAlerts().Select(a => a.Severity), Is.EquivalentTo(new[] { Severity.Critical, Severity.Warning }));
    }

    [Test]
    public void Firing_gauge_counts_alerts_by_model_and_severity()
    {
        using var engine = new AlertEngine(
        [
            Threshold("A", Severity.Warning, () => 1, 0, TimeSpan.Zero, "gauge-model"),
            Threshold("B", Severity.Warning, () => 1, 0, TimeSpan.Zero, "gauge-model"),
            Threshold("C", Severity.Warning, () => 1, 0, TimeSpan.FromHours(1), "gauge-model"),
        ]);
        engine.EvaluateRules(T0);
        int firing = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == MlTelemetry.MeterName && i.Name == "ml.alerts.firing")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SemanticConventions.ModelName && (string?)tag.Value == "gauge-model")
                {
                    firing = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.That(firing, Is.EqualTo(2), "the pending one does not count");
    }

    [Test]
    public void Firing_gauge_is_zero_for_every_model_and_severity_before_the_first_alert_and_after_the_last()
    {
        double signal = 0;
        using var engine = new AlertEngine(
        [
            Threshold("A", Severity.Warning, () => signal, 0.5, TimeSpan.Zero, "zero-model"),
            Threshold("A", Severity.Critical, () => signal, 0.9, TimeSpan.Zero, "zero-model"),
        ]);

        var before = FiringOf(engine, "zero-model");
        signal = 0.7;
        engine.EvaluateRules(T0);
        var firing = FiringOf(engine, "zero-model");
        signal = 0;
        engine.EvaluateRules(T0.AddMinutes(1));
        var after = FiringOf(engine, "zero-model");

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new Dictionary<string, int> { ["critical"] = 0, ["warning"] = 0 }), "exported at 0 before any alert fires");
            Assert.That(firing, Is.EqualTo(new Dictionary<string, int> { ["critical"] = 0, ["warning"] = 1 }));
            Assert.That(after, Is.EqualTo(new Dictionary<string, int> { ["critical"] = 0, ["warning"] = 0 }), "back to 0, not absent, once resolved");
        });
    }

    private static Dictionary<string, int> FiringOf(AlertEngine engine, string model)
    {
        var bySeverity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var measurement in engine.ObserveFiring())
        {
            string? m = null, severity = null;
            foreach (var tag in measurement.Tags)
            {
                if (tag.Key == SemanticConventions.ModelName)
                {
                    m = (string?)tag.Value;
                }
                else if (tag.Key == SemanticConventions.AlertSeverity)
                {
                    severity = (string?)tag.Value;
                }
            }

            if (m == model && severity is not null)
            {
                bySeverity[severity] = measurement.Value;
            }
        }

        return bySeverity;
    }

    [Test]
    public void Rule_configuration_errors_throw()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new AlertEngine([Threshold("A", Severity.Warning, () => 1, 0, TimeSpan.Zero), Threshold("A", Severity.Warning, () => 1, 0, TimeSpan.Zero)]), Throws.ArgumentException.With.Message.Contains("defined twice"));
            Assert.That(() => new AlertEngine([new AlertRule { Name = "A", Severity = Severity.None, Condition = AlertCondition.Threshold(() => 1, AlertComparison.GreaterThan, 0), Summary = "s" }]), Throws.ArgumentException.With.Message.Contains("severity"));
            Assert.That(() => new AlertEngine([new AlertRule { Name = "A", Severity = Severity.Info, Condition = AlertCondition.Threshold(() => 1, AlertComparison.GreaterThan, 0), Summary = "s", Labels = new Dictionary<string, string> { ["severity"] = "x" } }]), Throws.ArgumentException.With.Message.Contains("reserved label"));
        });
    }

    [Test]
    public void Accepts_tells_a_detector_which_events_could_matter_before_it_builds_them()
    {
        using var engine = new AlertEngine(
        [
            new AlertRule { Name = "MlDriftDetected", Severity = Severity.Warning, Condition = AlertCondition.OnEvent("drift.*", Severity.Warning), Summary = "drift" },
            new AlertRule { Name = "ChurnDecay", Severity = Severity.Critical, Model = "churn", Condition = AlertCondition.OnEvent("quality.decay", Severity.Critical), Summary = "decay" },
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(engine.Accepts("drift.feature", "fraud", Severity.Warning), Is.True, "the wildcard rule's kind and severity");
            Assert.That(engine.Accepts("drift.feature", "fraud", Severity.Info), Is.False, "below every rule");
            Assert.That(engine.Accepts("drift.feature", "fraud", Severity.None), Is.False, "a clear event, and no series held to clear");
            Assert.That(engine.Accepts("quality.decay", "fraud", Severity.Critical), Is.False, "the decay rule is for churn only");
            Assert.That(engine.Accepts("quality.decay", "churn", Severity.Critical), Is.True);
            Assert.That(engine.Accepts("slo.burn", "fraud", Severity.Critical), Is.False, "no rule watches the kind");
        });

        engine.Publish(DriftEvent("fraud", "amount", Severity.Warning));
        Assert.That(engine.Accepts("drift.feature", "fraud", Severity.None), Is.True, "a series is held: its clearing must arrive");
        engine.Publish(DriftEvent("fraud", "amount", Severity.None));
        Assert.Multiple(() =>
        {
            Assert.That(engine.TrackedEventSeries, Is.Zero, "the clear event released the series");
            Assert.That(engine.Accepts("drift.feature", "fraud", Severity.None), Is.False);
        });
    }
}
