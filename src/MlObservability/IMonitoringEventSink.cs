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

    /// <summary>Whether <see cref="Publish"/> could act on an event of this kind, model and severity. Detectors ask before
    /// they build an event (its summary text and labels), and skip one no sink accepts: a healthy model's evaluations
    /// then allocate nothing for the library's own sinks, which only act on a finding or on the clearing of one they
    /// hold. The default accepts every event, so a sink that records them all keeps receiving them all. Must not
    /// throw; an answer of <see langword="true"/> is always correct.</summary>
    /// <param name="kind">The event kind (<see cref="MonitoringEvent.Kind"/>).</param>
    /// <param name="modelName">The model (<see cref="MonitoringEvent.ModelName"/>).</param>
    /// <param name="severity">The severity (<see cref="MonitoringEvent.Severity"/>).</param>
    /// <returns><see langword="false"/> when an event with these values would certainly be ignored.</returns>
    bool Accepts(string kind, string modelName, Severity severity) => true;
}
