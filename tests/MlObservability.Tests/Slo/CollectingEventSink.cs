using System.Collections.Concurrent;
using MlObservability;

namespace MlObservability.Tests.Slo;

/// <summary>Keeps every published event, for assertions.</summary>
internal sealed class CollectingEventSink : IMonitoringEventSink
{
    public ConcurrentQueue<MonitoringEvent> Events { get; } = new();

    public void Publish(MonitoringEvent monitoringEvent) => Events.Enqueue(monitoringEvent);

    public MonitoringEvent Last(string slo, string window) =>
        Events.Last(e => e.Labels["slo"] == slo && e.Labels["window"] == window);
}
