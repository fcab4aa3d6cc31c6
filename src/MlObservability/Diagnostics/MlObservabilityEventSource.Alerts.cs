using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of SLO burn, alert rules and notifiers (event ids 300-399).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(300, Level = EventLevel.Warning, Message = "SLO tracker of {0}: event for unknown objective '{1}' dropped.")]
    public void SloUnknownObjective(string model, string objective) => WriteEvent(300, model, objective);

    [Event(301, Level = EventLevel.Informational, Message = "SLO {0}/{1}: window pair {2} burn severity changed to {3}.")]
    public void SloBurnChanged(string model, string objective, string pair, string severity) => WriteEvent(301, model, objective, pair, severity);

    [Event(310, Level = EventLevel.Informational, Message = "Alert {0} ({1}) is now {2}.")]
    public void AlertStateChanged(string alertName, string fingerprint, string state) => WriteEvent(310, alertName, fingerprint, state);

    [Event(311, Level = EventLevel.Warning, Message = "Alert rule {0}: signal failed: {1}")]
    public void AlertSignalFailed(string ruleName, string error) => WriteEvent(311, ruleName, error);

    [Event(320, Level = EventLevel.Warning, Message = "Notifier {0}: notification dropped ({1}).")]
    public void NotificationDropped(string notifier, string reason) => WriteEvent(320, notifier, reason);

    [Event(321, Level = EventLevel.Warning, Message = "Notifier {0}: attempt {1} failed: {2}")]
    public void NotificationAttemptFailed(string notifier, int attempt, string error) => WriteEvent(321, notifier, attempt, error);

    [Event(322, Level = EventLevel.Error, Message = "Notifier {0}: notification failed after {1} attempts.")]
    public void NotificationFailed(string notifier, int attempts) => WriteEvent(322, notifier, attempts);

    [Event(323, Level = EventLevel.Verbose, Message = "Notifier {0}: notification sent.")]
    public void NotificationSent(string notifier) => WriteEvent(323, notifier);
}
