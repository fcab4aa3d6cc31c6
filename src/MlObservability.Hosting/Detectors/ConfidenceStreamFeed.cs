using MlObservability.Drift.Streaming;

namespace MlObservability.Hosting.Detectors;

/// <summary>Queues the confidence of each classification into the model's confidence stream monitor (a queue write:
/// lock-free, allocation-free, never throws); regression outputs have no confidence and are not recorded.</summary>
internal sealed class ConfidenceStreamFeed(StreamingDriftMonitor monitor) : IModelOutputSink, IMonitoringEvaluator, IDisposable
{
    public StreamingDriftMonitor Monitor => monitor;

    public string EvaluatorName => monitor.EvaluatorName;

    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => monitor.Record(confidence);

    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => monitor.Record(confidence);

    public void RecordRegression(double value, string? requestId = null)
    {
        // No confidence to watch.
    }

    public void Evaluate(DateTimeOffset now) => monitor.Evaluate(now);

    public void Dispose() => monitor.Dispose();
}
