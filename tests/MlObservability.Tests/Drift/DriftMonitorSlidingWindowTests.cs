using Microsoft.Extensions.Time.Testing;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DriftMonitorSlidingWindowTests
{
    [Test]
    public void A_time_window_evaluates_when_a_slice_completes_and_forgets_old_slices()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var sink = new CollectingEventSink();
        var options = new DriftMonitorOptions
        {
            WindowKind = DriftWindowKind.TimeSliding,
            SlidingWindow = TimeSpan.FromMinutes(3),
            SlidingSlices = 3,
            MaxRowsPerSlice = 400,
            MinimumSamples = 300,
        };
        using var monitor = DriftMonitor.Create("m", "1", DriftMonitorDetectionTests.Profile(), options, sink, time);

        // Minute 0: shifted traffic, 500 rows offered, 400 kept.
        DriftMonitorDetectionTests.Feed(monitor, 500, 800, 800);
        monitor.Evaluate(time.GetUtcNow());
        Assert.That(sink.Events, Is.Empty, "the slice is not complete yet");
        time.Advance(TimeSpan.FromMinutes(1));
        monitor.Evaluate(time.GetUtcNow());
        var first = sink.Events.Where(e => e.Labels["feature"] == "a" && e.Labels["method"] == "ks").ToList();

        // Minutes 1..3: normal traffic; after three more slices the shifted minute has slid out.
        for (var minute = 1; minute <= 3; minute++)
        {
            DriftMonitorDetectionTests.Feed(monitor, 400, (ulong)(900 + (minute * 10)), 0);
            time.Advance(TimeSpan.FromMinutes(1));
            monitor.Evaluate(time.GetUtcNow());
        }

        var all = sink.Events.Where(e => e.Labels["feature"] == "a" && e.Labels["method"] == "ks").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.Single().Severity, Is.EqualTo(Severity.Critical));
            Assert.That(monitor.SkippedRows, Is.EqualTo(100), "rows beyond the slice cap are counted");
            Assert.That(all, Has.Count.EqualTo(4), "one evaluation per completed slice");
            Assert.That(all[^1].Severity, Is.EqualTo(Severity.None), "the shifted slice left the window");
            Assert.That(monitor.LatestResults.Single(r => r.Feature == "a" && r.Method == DriftMethod.KolmogorovSmirnov).SampleSize, Is.EqualTo(1_200));
        });
    }
}
