using System.Collections.Concurrent;

namespace MlObservability.Generators.Tests.Runtime;

internal sealed class RecordingInputSink : IModelInputSink
{
    public ConcurrentQueue<double[]> Rows { get; } = new();

    public void RecordFeatures(ReadOnlySpan<double> features) => Rows.Enqueue(features.ToArray());

    public void RecordFeatures(ReadOnlySpan<float> features) => Rows.Enqueue(Array.ConvertAll(features.ToArray(), f => (double)f));
}

internal sealed class RecordingOutputSink : IModelOutputSink
{
    public ConcurrentQueue<(string Label, double Confidence)> Predictions { get; } = new();

    public ConcurrentQueue<string?> RequestIds { get; } = new();

    public void RecordClassification(int predictedClass, double confidence, string? requestId = null)
    {
        Predictions.Enqueue(("#" + predictedClass, confidence));
        RequestIds.Enqueue(requestId);
    }

    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null)
    {
        Predictions.Enqueue((predictedLabel, confidence));
        RequestIds.Enqueue(requestId);
    }

    public void RecordRegression(double value, string? requestId = null) => Predictions.Enqueue(("regression", value));
}
