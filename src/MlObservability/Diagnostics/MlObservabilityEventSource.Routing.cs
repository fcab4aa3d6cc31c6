using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of challengers in shadow and the model router (event ids 900-999).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(900, Level = EventLevel.Warning, Message = "Challenger {1} of {0}: scoring failed: {2}")]
    public void ChallengerFailed(string model, string version, string error) => WriteEvent(900, model, version, error);

    [Event(910, Level = EventLevel.Warning, Message = "Model router of {0}: {1} {2} -> {3} ({4}): {5}")]
    public void RouterAction(string model, string action, string from, string to, string outcome, string reason) =>
        WriteEvent(910, model, action, from, to, outcome, reason);
}
