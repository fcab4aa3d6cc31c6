using System.Collections.Concurrent;

namespace MlObservability.Tests.Shared;

/// <summary>An event sink that keeps every event it receives, for assertions.</summary>
internal sealed class CollectingEventSink : IMonitoringEventSink
{
    public ConcurrentQueue<MonitoringEvent> Events { get; } = new();

    public void Publish(MonitoringEvent monitoringEvent) => Events.Enqueue(monitoringEvent);

    /// <summary>The last <c>slo.burn</c> event of an objective and window pair.</summary>
    public MonitoringEvent Last(string slo, string window) =>
        Events.Last(e => e.Labels["slo"] == slo && e.Labels["window"] == window);
}
