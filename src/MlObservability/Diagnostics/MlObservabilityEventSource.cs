using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>
/// Self-diagnostics of the core package. The library reports its own trouble here (dropped notifications,
/// cardinality overflow, background failures) instead of throwing into the host. Listen with
/// <c>dotnet-trace</c> or an <see cref="EventListener"/> on the source named <c>MlObservability</c>.
/// Event ids: 1-99 shared, 100-199 drift, 200-299 quality, 300-399 SLOs and alerts, 400-499 instrumentation.
/// Modules add their events in partial files next to their code.
/// </summary>
[EventSource(Name = "MlObservability")]
internal sealed partial class MlObservabilityEventSource : EventSource
{
    public static readonly MlObservabilityEventSource Log = new();

    [Event(1, Level = EventLevel.Warning, Message = "{0}: cardinality limit {1} reached for {2}; further values are reported as 'other'.")]
    public void CardinalityLimitReached(string component, int limit, string what) => WriteEvent(1, component, limit, what);

    [Event(2, Level = EventLevel.Error, Message = "{0}: background work failed: {1}")]
    public void BackgroundFailure(string component, string error) => WriteEvent(2, component, error);

    [Event(3, Level = EventLevel.Warning, Message = "{0}: {1}")]
    public void ComponentWarning(string component, string message) => WriteEvent(3, component, message);

    [Event(4, Level = EventLevel.Informational, Message = "{0}: {1}")]
    public void ComponentInfo(string component, string message) => WriteEvent(4, component, message);

    [NonEvent]
    public void BackgroundFailure(string component, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            BackgroundFailure(component, error.ToString());
        }
    }
}
