using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class QualityDiagnosticsTests
{
    [Test]
    public void Decay_and_calibration_are_reported_to_self_diagnostics()
    {
        using var listener = new QualityEventListener();
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("diag-model", "1", new QualityMonitorOptions
        {
            ClassLabels = ["n", "y"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            Baseline = new QualityBaseline { Accuracy = 0.95 },
            CalibrationReferenceSize = 50,
            TimeProvider = time,
        });
        for (int i = 0; i < 100; i++)
        {
            monitor.RecordClassification(1, 0.9, $"r{i}");
            monitor.RecordGroundTruth($"r{i}", i % 2); // 50 % accuracy
        }

        monitor.Evaluate(time.GetUtcNow());
        var events = listener.Events.Where(e => e.Payload?.Contains("diag-model") == true).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.EventId), Does.Contain(201).And.Contain(203));
            var decay = events.First(e => e.EventId == 201);
            Assert.That(decay.Payload![1], Is.EqualTo("accuracy"));
            Assert.That(decay.Payload[3], Is.EqualTo(0.5));
            Assert.That(events.Where(e => e.EventId == 203).Select(e => e.Payload![1]), Is.EqualTo(new object[] { 50 }));
        });
    }

    private sealed class QualityEventListener : EventListener
    {
        public ConcurrentQueue<EventWrittenEventArgs> Events { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData) => Events.Enqueue(eventData);
    }
}
