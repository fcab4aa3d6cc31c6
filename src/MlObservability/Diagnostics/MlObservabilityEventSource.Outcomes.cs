using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of business outcomes (event ids 500-599).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(500, Level = EventLevel.Warning, Message = "Outcome tracker {0}: outcome '{1}' dropped ({2}); further drops are only counted in ml.outcome.dropped")]
    public void OutcomeNameDropped(string model, string outcome, string reason) => WriteEvent(500, model, outcome, reason);
}
