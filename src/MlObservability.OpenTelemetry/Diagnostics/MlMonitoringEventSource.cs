using System.Diagnostics.Tracing;

namespace MlObservability.OpenTelemetry.Diagnostics;

/// <summary>
/// Self-diagnostics of the hosting package: failed evaluators and sinks, the evaluation schedule, dropped health findings.
/// Listen with <c>dotnet-trace</c> or an <see cref="EventListener"/> on the source named <c>MlObservability-OpenTelemetry</c>.
/// </summary>
[EventSource(Name = "MlObservability-OpenTelemetry")]
internal sealed class MlMonitoringEventSource : EventSource
{
    public static readonly MlMonitoringEventSource Log = new();

    [Event(1, Level = EventLevel.Error, Message = "Evaluator {0} failed: {1}")]
    public void EvaluatorFailed(string evaluator, string error) => WriteEvent(1, evaluator, error);

    [Event(2, Level = EventLevel.Error, Message = "Monitoring event sink {0} failed: {1}")]
    public void EventSinkFailed(string sink, string error) => WriteEvent(2, sink, error);

    [Event(3, Level = EventLevel.Error, Message = "Component factory for model {0} failed: {1}")]
    public void ComponentFactoryFailed(string model, string error) => WriteEvent(3, model, error);

    [Event(4, Level = EventLevel.Verbose, Message = "Evaluation pass: {0} evaluators, {1} failed, {2} ms")]
    public void EvaluationPassCompleted(int evaluators, int failed, double milliseconds) => WriteEvent(4, evaluators, failed, milliseconds);

    [Event(5, Level = EventLevel.Informational, Message = "Background evaluation started, every {0} s")]
    public void EvaluationServiceStarted(double intervalSeconds) => WriteEvent(5, intervalSeconds);

    [Event(6, Level = EventLevel.Informational, Message = "Background evaluation stopped after {0} passes")]
    public void EvaluationServiceStopped(long passes) => WriteEvent(6, passes);

    [Event(7, Level = EventLevel.Warning, Message = "Health check tracks at most {0} open findings; further findings are ignored")]
    public void HealthFindingsOverflow(int limit) => WriteEvent(7, limit);

    [Event(8, Level = EventLevel.Error, Message = "Component {0} of model {1} failed to record a feature row or prediction (dropped): {2}")]
    public void ComponentRecordingFailed(string component, string model, string error) => WriteEvent(8, component, model, error);

    [NonEvent]
    public void ComponentRecordingFailed(string component, string model, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            ComponentRecordingFailed(component, model, error.ToString());
        }
    }

    [NonEvent]
    public void EvaluatorFailed(string evaluator, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            EvaluatorFailed(evaluator, error.ToString());
        }
    }

    [NonEvent]
    public void EventSinkFailed(string sink, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            EventSinkFailed(sink, error.ToString());
        }
    }
}
