using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DriftMonitorDetectionTests
{
    internal static ReferenceProfile Profile()
    {
        var a = LcgSample.Generate(5_000, 1, 4, 1000, 0);
        var b = LcgSample.Generate(5_000, 2, 4, 1000, 0);
        var c = LcgSample.Generate(5_000, 3, 1, 4, 0).Select(v => v * 8).ToArray(); // categories 0..3
        return ReferenceProfileBuilder.FromColumns(
            [new("a", a), new("b", b), new("colour", c)],
            new ReferenceProfileOptions { CategoricalFeatures = new HashSet<string> { "colour" } });
    }

    internal static void Feed(DriftMonitor monitor, int rows, ulong seed, long shiftA, int colourOverride = -1)
    {
        var a = LcgSample.Generate(rows, seed, 4, 1000, shiftA);
        var b = LcgSample.Generate(rows, seed + 1, 4, 1000, 0);
        var c = LcgSample.Generate(rows, seed + 2, 1, 4, 0);
        for (var i = 0; i < rows; i++)
        {
            monitor.RecordFeatures([a[i], b[i], colourOverride >= 0 ? colourOverride : c[i] * 8]);
        }
    }

    [Test]
    public void Same_distribution_stays_quiet_and_still_publishes_every_feature_and_method()
    {
        var sink = new CollectingEventSink();
        using var monitor = DriftMonitor.Create("m", "1", Profile(), new DriftMonitorOptions { WindowSize = 2_000, EvaluateOnWindowCompletion = false }, sink);
        Feed(monitor, 2_000, 100, 0);
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        var events = sink.Events.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(6), "a, b: ks + psi; colour: chi_square + psi");
            Assert.That(events.Select(e => e.Severity), Has.All.EqualTo(Severity.None));
            Assert.That(events.Select(e => (e.Labels["feature"], e.Labels["method"])), Is.EquivalentTo(new[]
            {
                ("a", "ks"), ("a", "psi"), ("b", "ks"), ("b", "psi"), ("colour", "chi_square"), ("colour", "psi"),
            }));
            Assert.That(events.All(e => e.Kind == "drift.feature" && e.ModelName == "m" && e.ModelVersion == "1" && e.Threshold is not null));
            Assert.That(events.Single(e => e.Labels["feature"] == "a" && e.Labels["method"] == "ks").Threshold, Is.EqualTo(0.10));
        });
    }

    [Test]
    public void A_shifted_feature_raises_critical_and_others_stay_quiet()
    {
        var sink = new CollectingEventSink();
        using var monitor = DriftMonitor.Create("m", "1", Profile(), new DriftMonitorOptions { WindowSize = 1_000, EvaluateOnWindowCompletion = false }, sink);
        Feed(monitor, 1_000, 200, 800); // shift of about 1.4 standard deviations (sd of a sum of 4 uniforms on [0,1000) / 8 ~ 72)
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        var ks = monitor.LatestResults.Single(r => r.Feature == "a" && r.Method == DriftMethod.KolmogorovSmirnov);
        Assert.Multiple(() =>
        {
            Assert.That(ks.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(ks.PValue, Is.LessThan(1e-10));
            Assert.That(ks.Threshold, Is.EqualTo(0.25));
            Assert.That(monitor.LatestResults.Single(r => r.Feature == "a" && r.Method == DriftMethod.Psi).Severity, Is.EqualTo(Severity.Critical));
            Assert.That(monitor.LatestResults.Where(r => r.Feature != "a").Select(r => r.Severity), Has.All.EqualTo(Severity.None));
            Assert.That(sink.Events.Single(e => e.Labels["feature"] == "a" && e.Labels["method"] == "ks").Summary, Does.Contain("critical"));
        });
    }

    [Test]
    public void Severity_recovers_to_none_on_the_next_window_and_says_so()
    {
        var sink = new CollectingEventSink();
        using var monitor = DriftMonitor.Create("m", "1", Profile(), new DriftMonitorOptions { WindowSize = 1_000, EvaluateOnWindowCompletion = false }, sink);
        Feed(monitor, 1_000, 300, 800);
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        Feed(monitor, 1_000, 400, 0);
        monitor.Evaluate(DateTimeOffset.UnixEpoch.AddMinutes(1));
        var aKs = sink.Events.Where(e => e.Labels["feature"] == "a" && e.Labels["method"] == "ks").ToList();
        Assert.That(aKs.Select(e => e.Severity), Is.EqualTo(new[] { Severity.Critical, Severity.None }));
    }

    [Test]
    public void An_unseen_category_is_counted_and_drives_categorical_drift()
    {
        using var monitor = DriftMonitor.Create("m", "1", Profile(), new DriftMonitorOptions { WindowSize = 500, EvaluateOnWindowCompletion = false });
        Feed(monitor, 500, 500, 0, colourOverride: 7);
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        Assert.Multiple(() =>
        {
            Assert.That(monitor.GetInvalidCount("colour", DataQualityReason.UnseenCategory), Is.EqualTo(500));
            Assert.That(monitor.LatestResults.Where(r => r.Feature == "colour").Select(r => r.Severity), Has.All.EqualTo(Severity.Critical));
        });
    }

    [Test]
    public void Per_feature_thresholds_and_extra_methods_apply()
    {
        var options = new DriftMonitorOptions
        {
            WindowSize = 1_000,
            EvaluateOnWindowCompletion = false,
            NumericMethods = DriftMethod.KolmogorovSmirnov | DriftMethod.Psi | DriftMethod.JensenShannon | DriftMethod.Wasserstein,
        }.SetThresholds("a", DriftMethod.KolmogorovSmirnov, new DriftThresholds(0.6, 0.7, 0.9));
        using var monitor = DriftMonitor.Create("m", "1", Profile(), options);
        Feed(monitor, 1_000, 600, 800);
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        var a = monitor.LatestResults.Where(r => r.Feature == "a").ToDictionary(r => r.Method);
        Assert.Multiple(() =>
        {
            Assert.That(a[DriftMethod.KolmogorovSmirnov].Score, Is.InRange(0.25, 0.6), "critical by default, none with the raised thresholds");
            Assert.That(a[DriftMethod.KolmogorovSmirnov].Severity, Is.EqualTo(Severity.None));
            Assert.That(a[DriftMethod.JensenShannon].Severity, Is.EqualTo(Severity.Critical));
            Assert.That(a[DriftMethod.Wasserstein].Score, Is.EqualTo(100.0 / 72.0).Within(0.25), "a shift of 100 in units of the reference sd");
            Assert.That(a[DriftMethod.Wasserstein].Severity, Is.EqualTo(Severity.Critical));
        });
    }

    [Test]
    public void A_full_window_is_evaluated_on_the_thread_pool_without_a_scheduler()
    {
        var sink = new CollectingEventSink();
        using var monitor = DriftMonitor.Create("m", "1", Profile(), new DriftMonitorOptions { WindowSize = 300 }, sink);
        Feed(monitor, 300, 700, 800);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sink.Events.Count < 6 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Assert.That(sink.Events.Count(e => e.Labels["feature"] == "a" && e.Severity == Severity.Critical), Is.EqualTo(2));
    }
}
