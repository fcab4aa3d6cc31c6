using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Alerts;

namespace MlObservability.Tests.Alerts;

/// <summary>The bounded event-series budgets: standard kinds are never starved by custom ones, resolved and stale series
/// are released, and every dropped series is counted under a reason.</summary>
public sealed class AlertEngineSeriesBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlertRule[] Rules() =>
    [
        new AlertRule { Name = "SloBurn", Severity = Severity.Critical, Condition = AlertCondition.OnEvent("slo.burn", Severity.Critical), Summary = "burning" },
        new AlertRule { Name = "Custom", Severity = Severity.Warning, Condition = AlertCondition.OnEvent("custom.*", Severity.Warning), Summary = "custom" },
    ];

    private static MonitoringEvent Custom(int i, Severity severity = Severity.Warning) => new()
    {
        Kind = "custom.thing",
        ModelName = "m",
        Severity = severity,
        Labels = new Dictionary<string, string> { ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static MonitoringEvent SloBurn() => new()
    {
        Kind = "slo.burn",
        ModelName = "m",
        Severity = Severity.Critical,
        Value = 14.4,
        Labels = new Dictionary<string, string> { ["slo"] = "availability" },
    };

    [Test]
    public void A_flood_of_custom_series_never_starves_a_standard_slo_burn_event()
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new AlertEngine(Rules(), new AlertEngineOptions { TimeProvider = time });
        for (int i = 0; i < 10_001; i++)
        {
            engine.Publish(Custom(i));
        }

        engine.Publish(SloBurn());
        engine.EvaluateRules(T0);
        Assert.Multiple(() =>
        {
            Assert.That(engine.GetActiveAlerts().Where(a => a.Name == "SloBurn").Select(a => a.State), Is.EqualTo(new[] { AlertState.Firing }), "the SLO burn alert fires");
            Assert.That(engine.DroppedCustomEventSeries, Is.EqualTo(1), "the 10,001st custom series is dropped");
            Assert.That(engine.DroppedStandardEventSeries, Is.Zero);
            Assert.That(engine.DroppedEventSeries, Is.EqualTo(1));
        });
    }

    [Test]
    public void Resolved_series_release_their_slot()
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new AlertEngine(Rules(), new AlertEngineOptions { TimeProvider = time, MaxEventSeries = 100 });
        for (int i = 0; i < 100; i++)
        {
            engine.Publish(Custom(i));
        }

        engine.Publish(Custom(100));
        Assert.That(engine.DroppedCustomEventSeries, Is.EqualTo(1), "full");
        for (int i = 0; i < 100; i++)
        {
            engine.Publish(Custom(i, Severity.None)); // the detector reports the condition clear
        }

        Assert.That(engine.TrackedEventSeries, Is.Zero, "cleared series hold no rule and are released at once");
        for (int i = 100; i < 200; i++)
        {
            engine.Publish(Custom(i));
        }

        Assert.That(engine.DroppedCustomEventSeries, Is.EqualTo(1), "new series fit in the released slots");
    }

    [Test]
    public void Stale_series_are_released_at_the_next_evaluation()
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new AlertEngine(Rules(), new AlertEngineOptions { TimeProvider = time, MaxEventSeries = 50, EventStaleAfter = TimeSpan.FromHours(1) });
        for (int i = 0; i < 50; i++)
        {
            engine.Publish(Custom(i));
        }

        engine.EvaluateRules(T0);
        Assert.That(engine.GetActiveAlerts(), Has.Count.EqualTo(50));
        time.Advance(TimeSpan.FromHours(2)); // the publisher went away
        engine.EvaluateRules(time.GetUtcNow());
        Assert.That(engine.TrackedEventSeries, Is.Zero);
        engine.Publish(Custom(1000));
        Assert.That(engine.TrackedEventSeries, Is.EqualTo(1));
        Assert.That(engine.DroppedCustomEventSeries, Is.Zero);
    }

    [Test]
    public void Events_no_rule_watches_take_no_slot()
    {
        using var engine = new AlertEngine(Rules(), new AlertEngineOptions { MaxEventSeries = 10 });
        for (int i = 0; i < 1000; i++)
        {
            engine.Publish(new MonitoringEvent { Kind = "unwatched", ModelName = "m", Severity = Severity.Critical, Labels = new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            engine.Publish(Custom(i, Severity.Info)); // below the custom rule's minimum severity
        }

        Assert.Multiple(() =>
        {
            Assert.That(engine.TrackedEventSeries, Is.Zero);
            Assert.That(engine.DroppedEventSeries, Is.Zero);
        });
    }

    [Test]
    public void The_standard_budget_is_bounded_too_and_drops_are_exported_by_reason()
    {
        using var engine = new AlertEngine(Rules(), new AlertEngineOptions { MaxEventSeries = 5, MaxStandardEventSeries = 3 });
        for (int i = 0; i < 10; i++)
        {
            engine.Publish(Custom(i));
            engine.Publish(SloBurn() with { Labels = new Dictionary<string, string> { ["slo"] = "s" + i } });
        }

        var byReason = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == MlTelemetry.MeterName && i.Name == "ml.alerts.events.dropped")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    byReason[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Multiple(() =>
        {
            Assert.That(engine.DroppedCustomEventSeries, Is.EqualTo(5));
            Assert.That(engine.DroppedStandardEventSeries, Is.EqualTo(7));
            Assert.That(byReason["custom_series_limit"], Is.GreaterThanOrEqualTo(5), "process-wide: other engines may add to it");
            Assert.That(byReason["standard_series_limit"], Is.GreaterThanOrEqualTo(7));
            Assert.That(() => new AlertEngine([], new AlertEngineOptions { MaxStandardEventSeries = 0 }), Throws.ArgumentException.With.Message.Contains("MaxStandardEventSeries"));
        });
    }
}
