using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of per-model recording: model components and <c>[Instrumented]</c> decorators (event ids 400-499).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(400, Level = EventLevel.Error, Message = "Model {0}: component {1} threw on {2}; the call was dropped for that component: {3}")]
    public void ModelComponentFailed(string modelName, string component, string operation, string error) => WriteEvent(400, modelName, component, operation, error);

    [Event(401, Level = EventLevel.Warning, Message = "[Instrumented] {0}.{1}: a prediction without a label was dropped.")]
    public void InstrumentationPredictionWithoutLabel(string modelName, string endpoint) => WriteEvent(401, modelName, endpoint);

    [NonEvent]
    public void ModelComponentFailed(string modelName, string component, string operation, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            ModelComponentFailed(modelName, component, operation, error.ToString());
        }
    }
}
