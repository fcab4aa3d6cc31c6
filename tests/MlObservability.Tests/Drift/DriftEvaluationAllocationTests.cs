using MlObservability.Alerts;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>Evaluating a healthy window allocates nothing when no sink accepts its events (the alert engine holds no
/// series and no rule fires on a clear result), a sink that accepts every event still receives every one, and
/// <see cref="DriftMonitor.LatestResults"/> is built when read.</summary>
public sealed class DriftEvaluationAllocationTests
{
    private const int Features = 32;
    private const int Rows = 1_000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_healthy_window_is_evaluated_without_allocating_when_no_sink_accepts_its_events()
    {
        using var engine = new AlertEngine(
            [new AlertRule { Name = "MlDriftDetected", Severity = Severity.Warning, Condition = AlertCondition.OnEvent("drift.*", Severity.Warning), Summary = "drift" }]);
        var (monitor, rows) = Create(engine);
        using (monitor)
        {
            var least = long.MaxValue;
            for (var round = 0; round < 6; round++)
            {
                foreach (var row in rows)
                {
                    monitor.RecordFeatures(row);
                }

                var before = GC.GetAllocatedBytesForCurrentThread();
                monitor.Evaluate(T0.AddMinutes(round));
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (round >= 2)
                {
                    least = Math.Min(least, allocated); // the first rounds grow the scratch and fill the pools
                }
            }

            Assert.Multiple(() =>
            {
                Assert.That(monitor.LatestResults.Select(r => r.Severity), Has.All.LessThan(Severity.Warning), "the windows are healthy");
                Assert.That(monitor.LatestResults.Select(r => r.Timestamp), Has.All.EqualTo(T0.AddMinutes(5)), "every feature evaluated in the last round");
                Assert.That(least, Is.Zero);
                Assert.That(engine.TrackedEventSeries, Is.Zero);
            });
        }
    }

    [Test]
    public void A_sink_that_accepts_every_event_receives_every_result_clear_ones_included()
    {
        var sink = new RecordingSink();
        var (monitor, rows) = Create(sink);
        using (monitor)
        {
            for (var round = 0; round < 2; round++)
            {
                foreach (var row in rows)
                {
                    monitor.RecordFeatures(row);
                }

                monitor.Evaluate(T0.AddMinutes(round));
            }

            var latest = monitor.LatestResults;
            Assert.Multiple(() =>
            {
                Assert.That(sink.Events, Has.Count.EqualTo(2 * latest.Count));
                Assert.That(latest, Has.Count.GreaterThanOrEqualTo(Features));
                Assert.That(sink.Events.Skip(latest.Count).Select(e => (e.Labels["feature"], e.Labels["method"], e.Value, e.Severity)),
                    Is.EqualTo(latest.Select(r => (r.Feature, DriftMethodNames.Of(r.Method), r.Score, r.Severity))), "the second round's events are the latest results");
                Assert.That(sink.Events.Count(e => e.Severity == Severity.None), Is.GreaterThan(0), "clear results are published too");
                Assert.That(monitor.LatestResults, Is.SameAs(latest), "the same list until the next evaluation");
            });

            foreach (var row in rows)
            {
                monitor.RecordFeatures(row);
            }

            monitor.Evaluate(T0.AddMinutes(2));
            Assert.That(monitor.LatestResults, Is.Not.SameAs(latest));
            Assert.That(monitor.LatestResults.Select(r => r.Timestamp), Has.All.EqualTo(T0.AddMinutes(2)));
        }
    }

    private static (DriftMonitor Monitor, double[][] Rows) Create(IMonitoringEventSink sink)
    {
        var random = new Random(7);
        var names = Enumerable.Range(0, Features).Select(i => $"f{i}").ToArray();
        var builder = new ReferenceProfileBuilder(names);
        for (var r = 0; r < 5_000; r++)
        {
            builder.AddRow([.. names.Select(_ => random.NextDouble())]);
        }

        var rows = Enumerable.Range(0, Rows).Select(_ => names.Select(_ => random.NextDouble()).ToArray()).ToArray();
        var monitor = DriftMonitor.Create("healthy", "1", builder.Build(), new DriftMonitorOptions { WindowSize = Rows, EvaluateOnWindowCompletion = false }, sink);
        return (monitor, rows);
    }

    private sealed class RecordingSink : IMonitoringEventSink
    {
        public List<MonitoringEvent> Events { get; } = [];

        public void Publish(MonitoringEvent monitoringEvent) => Events.Add(monitoringEvent);
    }
}
