using System.Collections.Concurrent;

namespace MlObservability.Tests.Drift;

/// <summary>An event sink that keeps what it receives, for assertions.</summary>
internal sealed class CollectingEventSink : IMonitoringEventSink
{
    public ConcurrentQueue<MonitoringEvent> Events { get; } = new();

    public void Publish(MonitoringEvent monitoringEvent) => Events.Enqueue(monitoringEvent);
}
