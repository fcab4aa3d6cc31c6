namespace MlObservability;

/// <summary>
/// Receives <see cref="MonitoringEvent"/>s from detectors. Called from background evaluation, never from the recording
/// path. Implementations must not throw; the alert engine is the main implementation.
/// </summary>
public interface IMonitoringEventSink
{
    /// <summary>Receives one event.</summary>
    /// <param name="monitoringEvent">The event.</param>
    void Publish(MonitoringEvent monitoringEvent);
}
