using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of <c>[Instrumented]</c> decorators (event ids 400-499).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(400, Level = EventLevel.Error, Message = "[Instrumented] {0}: the {1} sink threw and the row or prediction was dropped: {2}")]
    public void InstrumentationSinkFailure(string modelName, string sink, string error) => WriteEvent(400, modelName, sink, error);

    [Event(401, Level = EventLevel.Warning, Message = "[Instrumented] {0}.{1}: a prediction without a label was dropped.")]
    public void InstrumentationPredictionWithoutLabel(string modelName, string endpoint) => WriteEvent(401, modelName, endpoint);

    [NonEvent]
    public void InstrumentationSinkFailure(string modelName, string sink, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            InstrumentationSinkFailure(modelName, sink, error.ToString());
        }
    }
}
