using MlObservability.Drift.Streaming;
using MlObservability.Inference;

namespace MlObservability.Hosting.Detectors;

/// <summary>Queues the duration in seconds of each successful inference into the model's latency stream monitor (a
/// queue write: lock-free, allocation-free, never throws). Failed calls are left out: a fast failure is not a latency.</summary>
internal sealed class LatencyStreamFeed(StreamingDriftMonitor monitor) : IInferenceObserver, IMonitoringEvaluator, IDisposable
{
    public StreamingDriftMonitor Monitor => monitor;

    public string EvaluatorName => monitor.EvaluatorName;

    public void OnInference(in InferenceRecord record)
    {
        if (record.Outcome == InferenceOutcome.Success)
        {
            monitor.Record(record.DurationSeconds);
        }
    }

    public void Evaluate(DateTimeOffset now) => monitor.Evaluate(now);

    public void Dispose() => monitor.Dispose();
}
