using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Outcomes;
using MlObservability.Slo;

namespace MlObservability.Tests.Outcomes;

public sealed class OutcomeTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void An_outcome_with_a_request_id_joins_to_the_class_that_request_predicted()
    {
        using var capture = new OutcomeCapture("outcome-join");
        using var model = new ModelMonitor("outcome-join", "2");
        model.AddComponent(new OutcomeTracker("outcome-join", "2", new OutcomeTrackerOptions { ClassLabels = ["cat", "dog"] }));
        model.RecordClassification(1, 0.9, "req-1");
        model.RecordClassification("cat", 0.8, "req-2");
        model.RecordClassification(7, 0.7, "req-3");
        model.RecordRegression(3.5, "req-4");

        Assert.Multiple(() =>
        {
            Assert.That(model.RecordOutcome("user_feedback_score", 2, "req-1"), Is.EqualTo(OutcomeResult.Joined));
            Assert.That(model.RecordOutcome("user_feedback_score", 5, "req-2"), Is.EqualTo(OutcomeResult.Joined));
            Assert.That(model.RecordOutcome("user_feedback_score", 4, "req-3"), Is.EqualTo(OutcomeResult.Joined));
            Assert.That(model.RecordOutcome("user_feedback_score", 4.5, "req-4"), Is.EqualTo(OutcomeResult.Joined));
            Assert.That(model.RecordOutcome("user_feedback_score", 1, "never-predicted"), Is.EqualTo(OutcomeResult.NotHeld));
            Assert.That(model.RecordOutcome("revenue", 12.5), Is.EqualTo(OutcomeResult.FreeStanding));
        });

        Assert.That(capture.Values, Is.EqualTo(new[]
        {
            ("user_feedback_score", "dog", 2.0),
            ("user_feedback_score", "cat", 5.0),
            ("user_feedback_score", "7", 4.0),
            ("user_feedback_score", string.Empty, 4.5),
            ("user_feedback_score", string.Empty, 1.0),
            ("revenue", string.Empty, 12.5),
        }));
        Assert.That(capture.Joins, Is.EqualTo(new[] { "joined", "joined", "joined", "joined", "not_held", "none" }));
    }

    [Test]
    public void A_prediction_older_than_the_time_to_live_no_longer_joins_and_the_outcome_is_still_recorded()
    {
        using var capture = new OutcomeCapture("outcome-ttl");
        var time = new FakeTimeProvider(Start);
        var tracker = new OutcomeTracker("outcome-ttl", "1", new OutcomeTrackerOptions { JoinTimeToLive = TimeSpan.FromHours(1), TimeProvider = time });
        tracker.RecordClassification(0, 0.9, "a");
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.That(tracker.Record("rating", 3, "a"), Is.EqualTo(OutcomeResult.Joined));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(tracker.Record("rating", 3, "a"), Is.EqualTo(OutcomeResult.Expired));
        Assert.That(capture.Values, Has.Count.EqualTo(2));
        Assert.That(tracker.Count(OutcomeResult.Expired), Is.EqualTo(1));
    }

    [Test]
    public void A_later_prediction_on_the_same_slot_overwrites_the_earlier_one_which_is_then_not_held()
    {
        var tracker = new OutcomeTracker("outcome-overwrite", "1", new OutcomeTrackerOptions { JoinCapacity = 1024 });
        for (int i = 0; i < 20_000; i++)
        {
            tracker.RecordClassification(i % 3, 0.9, "id-" + i);
        }

        int joined = Enumerable.Range(0, 20_000).Count(i => tracker.Record("rating", 4, "id-" + i) == OutcomeResult.Joined);
        Assert.That(joined, Is.InRange(1, 1024), "a 1,024-slot table holds at most 1,024 of 20,000 predictions");
        Assert.That(tracker.Count(OutcomeResult.NotHeld), Is.EqualTo(20_000 - joined), "every outcome is still recorded, free-standing");
        Assert.That(Enumerable.Range(19_990, 10).Count(i => tracker.Record("rating", 4, "id-" + i) == OutcomeResult.Joined), Is.GreaterThanOrEqualTo(8),
            "the newest predictions are held (a collision among the last ten is possible, three are very unlikely)");
    }

    [Test]
    public void Non_finite_values_and_names_beyond_the_list_or_the_cap_are_dropped_and_counted_by_reason()
    {
        using var capture = new OutcomeCapture("outcome-drops");
        var listed = new OutcomeTrackerOptions { Names = ["conversion"] };
        var fixedNames = new OutcomeTracker("outcome-drops", "1", listed);
        var capped = new OutcomeTracker("outcome-drops", "2", new OutcomeTrackerOptions { MaxNames = 2 });
        Assert.Multiple(() =>
        {
            Assert.That(fixedNames.Record("conversion", double.NaN), Is.EqualTo(OutcomeResult.NonFinite));
            Assert.That(fixedNames.Record("conversion", double.PositiveInfinity), Is.EqualTo(OutcomeResult.NonFinite));
            Assert.That(fixedNames.Record("clicks", 1), Is.EqualTo(OutcomeResult.UnknownName));
            Assert.That(fixedNames.Record(null!, 1), Is.EqualTo(OutcomeResult.UnknownName));
            Assert.That(fixedNames.Record("conversion", 1), Is.EqualTo(OutcomeResult.FreeStanding));
            Assert.That(capped.Record("a", 1), Is.EqualTo(OutcomeResult.FreeStanding));
            Assert.That(capped.Record("b", 1), Is.EqualTo(OutcomeResult.FreeStanding));
            Assert.That(capped.Record("c", 1), Is.EqualTo(OutcomeResult.NameLimit));
            Assert.That(capped.Record("a", 2), Is.EqualTo(OutcomeResult.FreeStanding));
            Assert.That(capped.Names, Is.EqualTo(new[] { "a", "b" }));
        });
        Assert.That(capture.Drops, Is.EqualTo(new[] { "non_finite", "non_finite", "unknown_name", "unknown_name", "name_limit" }));
        Assert.That(capture.Values.Select(v => v.Name), Is.EqualTo(new[] { "conversion", "a", "b", "a" }));
    }

    [Test]
    public void Settings_out_of_range_fail_at_construction_naming_the_setting()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new OutcomeTracker("m", options: new OutcomeTrackerOptions { MaxNames = 0 }), Throws.ArgumentException.With.Message.Contains("MaxNames must be between 1 and 64"));
            Assert.That(() => new OutcomeTracker("m", options: new OutcomeTrackerOptions { Names = ["a", "b"], MaxNames = 1 }), Throws.ArgumentException.With.Message.Contains("raise MaxNames"));
            Assert.That(() => new OutcomeTracker("m", options: new OutcomeTrackerOptions { Names = ["a", "a"] }), Throws.ArgumentException.With.Message.Contains("'a' is listed twice"));
            Assert.That(() => new OutcomeTracker("m", options: new OutcomeTrackerOptions { Names = ["a\"b"] }), Throws.ArgumentException.With.Message.Contains("without quotes"));
            Assert.That(() => new OutcomeTracker("m", options: new OutcomeTrackerOptions { JoinCapacity = 10 }), Throws.ArgumentException.With.Message.Contains("JoinCapacity"));
            Assert.That(() => new OutcomeTracker("m", options: new OutcomeTrackerOptions { JoinTimeToLive = TimeSpan.Zero }), Throws.ArgumentException.With.Message.Contains("JoinTimeToLive"));
            Assert.That(() => SloObjective.Outcome("s", "rating", double.NaN, 0.95), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("finite"));
            Assert.That(new OutcomeTracker("m", options: new OutcomeTrackerOptions { JoinCapacity = 3000 }).JoinCapacity, Is.EqualTo(4096));
        });
    }

    [Test]
    public void A_model_without_a_tracker_counts_its_outcomes_as_unrouted()
    {
        using var model = new ModelMonitor("outcome-unrouted");
        Assert.That(model.RecordOutcome("rating", 3), Is.EqualTo(OutcomeResult.NoTracker));
        Assert.That(model.UnroutedOutcomes, Is.EqualTo(1));
    }

    [Test]
    public void Outcomes_feed_the_outcome_objective_with_its_error_budget_and_burn_rates()
    {
        var time = new FakeTimeProvider(Start);
        using var slo = new SloTracker("outcome-slo", [SloObjective.Outcome("satisfaction", "user_feedback_score", 3, 0.95), SloObjective.Outcome("refunds", "refund", 0, 0.99, atMost: true)], "1",
            new SloTrackerOptions { TimeProvider = time });
        var tracker = new OutcomeTracker("outcome-slo", "1", new OutcomeTrackerOptions { TimeProvider = time }, slo);
        for (int i = 0; i < 100; i++)
        {
            tracker.Record("user_feedback_score", i < 90 ? 4 : 2); // 10 % below 3 against a 5 % budget
            tracker.Record("refund", 0);
        }

        tracker.Record("user_feedback_score", 3); // exactly the threshold is good
        time.Advance(TimeSpan.FromMinutes(1));
        slo.Evaluate(time.GetUtcNow());
        var status = slo.GetStatus("satisfaction")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.Good, Is.EqualTo(91));
            Assert.That(status.Total, Is.EqualTo(101));
            Assert.That(status.ErrorBudgetRemaining, Is.EqualTo(1 - ((10.0 / 101) / 0.05)).Within(1e-9), "twice the budget spent: remaining is negative");
            Assert.That(status.BurnRates["5m"], Is.EqualTo((10.0 / 101) / 0.05).Within(1e-9));
            Assert.That(status.ErrorBudgetExhaustionSeconds, Is.Zero);
            Assert.That(slo.GetStatus("refunds")!.Compliance, Is.EqualTo(1));
            Assert.That(slo.GetStatus("refunds")!.Total, Is.EqualTo(100));
        });
    }

    [Test]
    [ReleaseOnly("unoptimised Debug code may allocate in the loop; the optimised record path allocates nothing")]
    public void Recording_predictions_and_outcomes_allocates_nothing_with_a_listener_on_the_instruments()
    {
        using var capture = new OutcomeCapture("outcome-alloc", keep: false);
        var slo = new SloTracker("outcome-alloc", [SloObjective.Outcome("satisfaction", "rating", 3, 0.95)]);
        var tracker = new OutcomeTracker("outcome-alloc", "1", new OutcomeTrackerOptions { Names = ["rating"], ClassLabels = ["a", "b"] }, slo);
        string[] ids = [.. Enumerable.Range(0, 64).Select(i => "request-" + i)];
        tracker.RecordClassification("c", 0.5, "warm");
        tracker.Record("rating", 1, "warm");
        tracker.Record("unknown", 1);
        long least = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20_000; i++)
            {
                string id = ids[i & 63];
                tracker.RecordClassification(i % 3, 0.8, id);
                tracker.RecordClassification("c", 0.8, id);
                tracker.Record("rating", i % 5, id);
                tracker.Record("rating", 4);
                tracker.Record("rating", double.NaN);
                tracker.Record("unknown", 1);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(least, Is.Zero);
        Assert.That(capture.Count, Is.GreaterThan(0), "the listener received the measurements");
        slo.Dispose();
    }

    [Test]
    public void Concurrent_predictions_and_outcomes_never_join_to_a_class_another_request_predicted()
    {
        var tracker = new OutcomeTracker("outcome-race", "1", new OutcomeTrackerOptions { JoinCapacity = 1024, ClassLabels = ["0", "1", "2", "3"] });
        using var capture = new OutcomeCapture("outcome-race");
        // Each request id always predicts the class of its number mod 4; an outcome joined to any other class is a torn read.
        string[] ids = [.. Enumerable.Range(0, 4096).Select(i => "r" + i)];
        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                int n = ((i * 7) + worker) % ids.Length;
                if (worker % 2 == 0)
                {
                    tracker.RecordClassification(n % 4, 0.9, ids[n]);
                }
                else
                {
                    tracker.Record("rating", n % 4, ids[n]);
                }
            }
        });

        var joined = capture.Values.Where(v => v.Class.Length > 0).ToList();
        Assert.That(joined, Is.Not.Empty);
        Assert.That(joined.Where(v => v.Class != ((int)v.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)), Is.Empty);
    }

    /// <summary>Collects the outcome instruments' measurements of one model through a real <see cref="MeterListener"/>.</summary>
    private sealed class OutcomeCapture : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly string _model;
        private readonly bool _keep;
        private readonly object _gate = new();
        private long _count;

        public OutcomeCapture(string model, bool keep = true)
        {
            _model = model;
            _keep = keep;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name.StartsWith("ml.outcome.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnValue(value, tags));
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnCount(instrument.Name, tags));
            _listener.Start();
        }

        public List<(string Name, string Class, double Value)> Values { get; } = [];

        public List<string> Joins { get; } = [];

        public List<string> Drops { get; } = [];

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();

        private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == key)
                {
                    return tag.Value as string ?? string.Empty;
                }
            }

            return string.Empty;
        }

        private void OnValue(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Tag(tags, SemanticConventions.ModelName) != _model)
            {
                return;
            }

            Interlocked.Increment(ref _count);
            if (_keep)
            {
                var entry = (Tag(tags, "ml.outcome.name"), Tag(tags, SemanticConventions.PredictedClass), value);
                lock (_gate)
                {
                    Values.Add(entry);
                }
            }
        }

        private void OnCount(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (!_keep || Tag(tags, SemanticConventions.ModelName) != _model)
            {
                return;
            }

            lock (_gate)
            {
                (instrument == "ml.outcome.joins" ? Joins : Drops).Add(instrument == "ml.outcome.joins" ? Tag(tags, "ml.outcome.join") : Tag(tags, "ml.outcome.drop_reason"));
            }
        }
    }
}
