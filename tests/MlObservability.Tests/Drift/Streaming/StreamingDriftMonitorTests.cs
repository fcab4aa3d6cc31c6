using MlObservability.Drift.Streaming;

namespace MlObservability.Tests.Drift.Streaming;

public sealed class StreamingDriftMonitorTests
{
    [Test]
    public void Values_recorded_from_many_threads_reach_the_detector_and_a_change_raises_an_event()
    {
        var sink = new CollectingEventSink();
        using var monitor = new StreamingDriftMonitor("m", "1", "latency", new CusumDetector(new SequentialDetectorOptions { Mean = 0.1, StandardDeviation = 0.01, Direction = ChangeDirection.Increase }), sink: sink);
        Parallel.For(0, 4, w =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                monitor.Record(0.1 + (0.001 * ((i % 7) - 3)));
            }
        });
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        for (var i = 0; i < 200; i++)
        {
            monitor.Record(0.13);
        }

        monitor.Record(double.NaN);
        monitor.Evaluate(DateTimeOffset.UnixEpoch.AddMinutes(1));
        var events = sink.Events.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(monitor.Evaluated, Is.EqualTo(4_200));
            Assert.That(events, Has.Length.EqualTo(2));
            Assert.That(events[0].Severity, Is.EqualTo(Severity.None));
            Assert.That(events[1].Severity, Is.EqualTo(Severity.Warning));
            Assert.That(events[1].Kind, Is.EqualTo("drift.stream"));
            Assert.That(events[1].Labels["method"], Is.EqualTo("cusum"));
            Assert.That(events[1].Labels["stream"], Is.EqualTo("latency"));
            Assert.That(monitor.Changes, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public void A_full_queue_drops_and_counts_values()
    {
        using var monitor = new StreamingDriftMonitor("m", "1", "error", new AdwinDetector(), new StreamingDriftMonitorOptions { QueueCapacity = 16 });
        for (var i = 0; i < 20; i++)
        {
            monitor.Record(i % 2);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        Assert.Multiple(() =>
        {
            Assert.That(monitor.Evaluated, Is.EqualTo(16));
            Assert.That(monitor.Dropped, Is.EqualTo(4));
            Assert.That(((AdwinDetector)monitor.Detector).Width, Is.EqualTo(16));
        });
    }
}
