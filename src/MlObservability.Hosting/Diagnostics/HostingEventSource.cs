using System.Diagnostics.Tracing;

namespace MlObservability.Hosting.Diagnostics;

/// <summary>
/// Self-diagnostics of the hosting package: failed evaluators, the evaluation schedule, dropped health findings.
/// Listen with <c>dotnet-trace</c> or an <see cref="EventListener"/> on the source named <c>MlObservability-Hosting</c>.
/// </summary>
[EventSource(Name = "MlObservability-Hosting")]
internal sealed class HostingEventSource : EventSource
{
    public static readonly HostingEventSource Log = new();

    [Event(1, Level = EventLevel.Error, Message = "Evaluator {0} failed: {1}")]
    public void EvaluatorFailed(string evaluator, string error) => WriteEvent(1, evaluator, error);

    [Event(4, Level = EventLevel.Verbose, Message = "Evaluation pass: {0} evaluators, {1} failed, {2} ms")]
    public void EvaluationPassCompleted(int evaluators, int failed, double milliseconds) => WriteEvent(4, evaluators, failed, milliseconds);

    [Event(5, Level = EventLevel.Informational, Message = "Background evaluation started, every {0} s")]
    public void EvaluationServiceStarted(double intervalSeconds) => WriteEvent(5, intervalSeconds);

    [Event(6, Level = EventLevel.Informational, Message = "Background evaluation stopped after {0} passes")]
    public void EvaluationServiceStopped(long passes) => WriteEvent(6, passes);

    [Event(7, Level = EventLevel.Warning, Message = "Health check tracks at most {0} open findings; further findings are ignored")]
    public void HealthFindingsOverflow(int limit) => WriteEvent(7, limit);

    [NonEvent]
    public void EvaluatorFailed(string evaluator, Exception error)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            EvaluatorFailed(evaluator, error.ToString());
        }
    }
}
