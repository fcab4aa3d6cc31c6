using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Tests.Slo;

public sealed class SloTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (SloTracker Tracker, FakeTimeProvider Time, CollectingEventSink Sink) Create(params SloObjective[] objectives)
    {
        var time = new FakeTimeProvider(Start);
        var sink = new CollectingEventSink();
        var tracker = new SloTracker("fraud", objectives, "v1", new SloTrackerOptions { TimeProvider = time }, sink);
        return (tracker, time, sink);
    }

    /// <summary>Runs <paramref name="minutes"/> minutes of traffic, <paramref name="perMinute"/> calls a minute, of which
    /// <paramref name="errorsPerMinute"/> fail.</summary>
    private static void Traffic(SloTracker tracker, FakeTimeProvider time, int minutes, int perMinute, int errorsPerMinute, double latency = 0.1)
    {
        for (int m = 0; m < minutes; m++)
        {
            for (int i = 0; i < perMinute; i++)
            {
                var outcome = i < errorsPerMinute ? InferenceOutcome.Error : InferenceOutcome.Success;
                tracker.OnInference(new InferenceRecord(latency, outcome, 1, outcome == InferenceOutcome.Error ? "Timeout" : null));
            }

            time.Advance(TimeSpan.FromMinutes(1));
            if (m % 60 == 59)
            {
                tracker.Evaluate(time.GetUtcNow()); // the hosting package evaluates on a schedule
            }
        }
    }

    [Test]
    public void Latency_objective_counts_calls_under_the_threshold_and_computes_the_budget()
    {
        var (tracker, time, _) = Create(SloObjective.LatencyPercentile(0.95, TimeSpan.FromMilliseconds(500)));
        using var _t = tracker;
        for (int i = 0; i < 100; i++)
        {
            tracker.OnInference(new InferenceRecord(i < 3 ? 0.8 : 0.2, InferenceOutcome.Success, 1, null));
        }

        tracker.OnInference(new InferenceRecord(5, InferenceOutcome.Error, 1, "Timeout")); // errors are not latency events
        tracker.Evaluate(time.GetUtcNow());
        var status = tracker.GetStatus("latency_p95")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.Total, Is.EqualTo(100));
            Assert.That(status.Good, Is.EqualTo(97));
            Assert.That(status.Compliance, Is.EqualTo(0.97).Within(1e-12));
            Assert.That(status.ErrorBudgetRemaining, Is.EqualTo(1 - (0.03 / 0.05)).Within(1e-9));
        });
    }

    [Test]
    public void Fast_burn_pages_on_the_1h_5m_pair_and_clears_when_the_short_window_recovers()
    {
        var (tracker, time, sink) = Create(SloObjective.ErrorRate(0.01));
        using var _t = tracker;
        Traffic(tracker, time, 60, 100, 20); // 20 % errors = 20x burn for an hour
        tracker.Evaluate(time.GetUtcNow());
        var status = tracker.GetStatus("error_rate")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.BurnRates["1h"], Is.EqualTo(20).Within(1e-9));
            Assert.That(status.BurnRates["5m"], Is.EqualTo(20).Within(1e-9));
            Assert.That(status.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(sink.Last("error_rate", "1h-5m").Severity, Is.EqualTo(Severity.Critical));
            Assert.That(sink.Last("error_rate", "1h-5m").Kind, Is.EqualTo("slo.burn"));
            Assert.That(sink.Last("error_rate", "6h-30m").Severity, Is.EqualTo(Severity.Critical), "20x also exceeds 6x over 6h (the hour is all there is) and 30m");
        });

        Traffic(tracker, time, 10, 100, 0); // the cause is gone: the 5-minute window recovers
        tracker.Evaluate(time.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(tracker.GetStatus("error_rate")!.BurnRates["5m"], Is.Zero);
            Assert.That(tracker.GetStatus("error_rate")!.BurnRates["1h"], Is.GreaterThan(14.4), "the long window still remembers");
            Assert.That(sink.Last("error_rate", "1h-5m").Severity, Is.EqualTo(Severity.None));
        });
    }

    [Test]
    public void Slow_burn_pages_only_on_the_6h_30m_pair()
    {
        var (tracker, time, sink) = Create(SloObjective.ErrorRate(0.01));
        using var _t = tracker;
        Traffic(tracker, time, 6 * 60, 100, 8); // 8x burn
        tracker.Evaluate(time.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(sink.Last("error_rate", "1h-5m").Severity, Is.EqualTo(Severity.None));
            Assert.That(sink.Last("error_rate", "6h-30m").Severity, Is.EqualTo(Severity.Critical));
            Assert.That(sink.Last("error_rate", "6h-30m").Value, Is.EqualTo(8).Within(1e-9));
            Assert.That(sink.Last("error_rate", "3d-6h").Severity, Is.EqualTo(Severity.Warning));
        });
    }

    [Test]
    public void Steady_small_overspend_opens_a_ticket_on_the_3d_6h_pair_only()
    {
        var (tracker, time, sink) = Create(SloObjective.ErrorRate(0.01));
        using var _t = tracker;
        Traffic(tracker, time, 3 * 24 * 60, 50, 1); // 2 % errors = 2x burn for three days
        tracker.Evaluate(time.GetUtcNow());
        var status = tracker.GetStatus("error_rate")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.BurnRates["3d"], Is.EqualTo(2).Within(1e-9));
            Assert.That(sink.Last("error_rate", "1h-5m").Severity, Is.EqualTo(Severity.None));
            Assert.That(sink.Last("error_rate", "6h-30m").Severity, Is.EqualTo(Severity.None));
            Assert.That(sink.Last("error_rate", "3d-6h").Severity, Is.EqualTo(Severity.Warning));
            Assert.That(status.ErrorBudgetRemaining, Is.EqualTo(-1).Within(1e-9), "2 % errors against a 1 % budget spends it twice");
        });
    }

    [Test]
    public void Memory_is_fixed_and_old_events_leave_the_period()
    {
        var (tracker, time, _) = Create(SloObjective.ErrorRate(0.01));
        using var _t = tracker;
        long before = tracker.AllocatedBytes;
        Traffic(tracker, time, 60, 1000, 1000); // an hour of total failure
        Assert.That(tracker.AllocatedBytes, Is.EqualTo(before));
        time.Advance(TimeSpan.FromDays(31));
        Traffic(tracker, time, 1, 10, 0);
        tracker.Evaluate(time.GetUtcNow());
        var status = tracker.GetStatus("error_rate")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.Total, Is.EqualTo(10), "events older than the 30-day period no longer count");
            Assert.That(status.Compliance, Is.EqualTo(1));
            // Two fine rings (requests and the objective) carry one more stripe of minute counts per core beyond the first.
            int extraStripes = new FineBucketRing(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6)).StripeCount - 1;
            Assert.That(tracker.AllocatedBytes, Is.LessThan((64 * 1024) + (extraStripes * 2 * 4_300)));
        });
    }

    [Test]
    public void Throughput_floor_counts_minutes_below_the_rate_as_bad()
    {
        var (tracker, time, _) = Create(SloObjective.Throughput(minRequestsPerSecond: 10, target: 0.9));
        using var _t = tracker;
        Traffic(tracker, time, 8, 600, 0); // 10 req/s: good minutes
        Traffic(tracker, time, 2, 60, 0);  // 1 req/s: bad minutes
        tracker.Evaluate(time.GetUtcNow());
        var status = tracker.GetStatus("throughput")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.Total, Is.EqualTo(10));
            Assert.That(status.Good, Is.EqualTo(8));
        });

        tracker.Evaluate(time.GetUtcNow());
        Assert.That(tracker.GetStatus("throughput")!.Total, Is.EqualTo(10), "a second pass does not count minutes twice");
    }

    [Test]
    public void Accuracy_is_fed_by_labelled_outcomes_and_unknown_names_are_counted()
    {
        var (tracker, time, _) = Create(SloObjective.Accuracy(0.85));
        using var _t = tracker;
        for (int i = 0; i < 100; i++)
        {
            tracker.RecordEvent("accuracy", i % 10 != 0);
        }

        tracker.RecordEvent("no-such-objective", true);
        tracker.OnInference(new InferenceRecord(0.1, InferenceOutcome.Error, 1, "x")); // inferences do not touch accuracy
        tracker.Evaluate(time.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(tracker.GetStatus("accuracy")!.Compliance, Is.EqualTo(0.9).Within(1e-12));
            Assert.That(tracker.GetStatus("accuracy")!.ErrorBudgetRemaining, Is.EqualTo(1 - (0.1 / 0.15)).Within(1e-9));
            Assert.That(tracker.UnknownObjectiveCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Subscribed_to_inference_metrics_it_counts_every_call_without_extra_calls()
    {
        var time = new FakeTimeProvider(Start);
        using var metrics = new InferenceMetrics("sub-model", "v2", options: new InferenceMetricsOptions { TimeProvider = time });
        using var tracker = new SloTracker("sub-model", [SloObjective.ErrorRate(0.01), SloObjective.Latency("fast", TimeSpan.FromMilliseconds(100), 0.9)], "v2", new SloTrackerOptions { TimeProvider = time });
        using var subscription = metrics.Subscribe(tracker);
        metrics.Record(0.05);
        metrics.Record(0.5);
        metrics.Record(0.05, InferenceOutcome.Error, "Oom");
        metrics.Record(0.05, InferenceOutcome.Cancelled);
        tracker.Evaluate(time.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(tracker.GetStatus("error_rate")!.Total, Is.EqualTo(3));
            Assert.That(tracker.GetStatus("error_rate")!.Good, Is.EqualTo(2));
            Assert.That(tracker.GetStatus("fast")!.Total, Is.EqualTo(2));
            Assert.That(tracker.GetStatus("fast")!.Good, Is.EqualTo(1));
        });
    }

    [Test]
    public void Instruments_publish_compliance_budget_and_burn_rate_per_window()
    {
        var (tracker, time, _) = Create(SloObjective.ErrorRate(0.01, "instrumented_errors"));
        using var _t = tracker;
        Traffic(tracker, time, 10, 100, 5);
        tracker.Evaluate(time.GetUtcNow());
        var seen = new List<(string Instrument, double Value, string? Window)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name.StartsWith("ml.slo.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? slo = null;
            string? window = null;
            foreach (var tag in tags)
            {
                slo = tag.Key == SemanticConventions.SloName ? (string?)tag.Value : slo;
                window = tag.Key == SemanticConventions.SloWindow ? (string?)tag.Value : window;
            }

            if (slo == "instrumented_errors")
            {
                seen.Add((instrument.Name, value, window));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Multiple(() =>
        {
            Assert.That(seen.Single(s => s.Instrument == "ml.slo.compliance").Value, Is.EqualTo(0.95).Within(1e-12));
            Assert.That(seen.Single(s => s.Instrument == "ml.slo.error_budget.remaining").Value, Is.EqualTo(-4).Within(1e-9));
            Assert.That(seen.Single(s => s.Instrument == "ml.slo.burn_rate" && s.Window == "5m").Value, Is.EqualTo(5).Within(1e-9));
            Assert.That(seen.Where(s => s.Instrument == "ml.slo.burn_rate").Select(s => s.Window), Is.EquivalentTo(new[] { "5m", "30m", "1h", "6h", "3d" }));
        });
    }

    [Test]
    public void Configuration_errors_throw_with_a_message_that_says_what_to_fix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SloObjective.Custom("x", 1.0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("strictly between 0 and 1"));
            Assert.That(() => new SloTracker("m", [SloObjective.ErrorRate(0.01), SloObjective.ErrorRate(0.02)]), Throws.ArgumentException.With.Message.Contains("two objectives named 'error_rate'"));
            Assert.That(() => new SloTracker("m", [SloObjective.ErrorRate(0.01)], options: new SloTrackerOptions { Period = TimeSpan.FromDays(1) }), Throws.ArgumentException.With.Message.Contains("exceeds the SLO period"));
        });
    }
}
