using System.Collections.Concurrent;

namespace MlObservability.Tests.Quality;

/// <summary>Collects published events, as the alert engine would receive them.</summary>
internal sealed class RecordingEventSink : IMonitoringEventSink
{
    public ConcurrentQueue<MonitoringEvent> Events { get; } = new();

    public void Publish(MonitoringEvent monitoringEvent) => Events.Enqueue(monitoringEvent);

    public MonitoringEvent[] Drain()
    {
        var list = new List<MonitoringEvent>();
        while (Events.TryDequeue(out var e))
        {
            list.Add(e);
        }

        return [.. list];
    }
}
