using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>Hands a detector's event to its sink; a sink that throws is reported on the self-diagnostics event source,
/// never to the evaluating caller.</summary>
internal static class DetectorEventPublisher
{
    public static void Publish(IMonitoringEventSink? sink, string evaluatorName, MonitoringEvent monitoringEvent)
    {
        if (sink is null)
        {
            return;
        }

        try
        {
            sink.Publish(monitoringEvent);
        }
        catch (Exception e)
        {
            MlObservabilityEventSource.Log.DriftSinkFailed(evaluatorName, e.ToString());
        }
    }
}
