using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DriftSelfDiagnosticsTests
{
    [Test]
    public void Trouble_is_reported_on_the_event_source_instead_of_thrown()
    {
        using var listener = new DriftListener();
        var profile = ReferenceProfileBuilder.FromColumns([new("empty", [double.NaN]), new("x", [1.0, 2.0, 3.0, 4.0])]);
        using var monitor = DriftMonitor.Create("diag-model", "1", profile, new DriftMonitorOptions { WindowSize = 4, EvaluateOnWindowCompletion = false }, new ThrowingSink());
        for (var i = 0; i < 4; i++)
        {
            monitor.RecordFeatures([i, i + 10]);
        }

        Assert.DoesNotThrow(() => monitor.Evaluate(DateTimeOffset.UnixEpoch));
        var mine = listener.Events.Where(e => e.Payload is { Count: > 0 } && Equals(e.Payload[0], "drift:diag-model")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(listener.Events.Where(e => e.EventId == 0), Is.Empty, "the event source manifest is valid");
            Assert.That(mine.Any(e => e.EventId == 101 && Equals(e.Payload![1], "empty")));
            Assert.That(mine.Count(e => e.EventId == 104), Is.EqualTo(2), "ks and psi events for x both reached the throwing sink");
            Assert.That(mine.Any(e => e.EventId == 100 && Equals(e.Payload![1], 4)));
            Assert.That(monitor.LatestResults.Select(r => r.Severity), Has.All.EqualTo(Severity.Critical), "x = 10..13 against a reference of 1..4");
        });
    }

    private sealed class ThrowingSink : IMonitoringEventSink
    {
        public void Publish(MonitoringEvent monitoringEvent) => throw new InvalidOperationException("alert engine down");
    }

    private sealed class DriftListener : EventListener
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
