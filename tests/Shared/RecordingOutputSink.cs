using System.Collections.Concurrent;

namespace MlObservability.Tests.Shared;

/// <summary>Records the predictions an adapter hands over: the contract with <see cref="IModelOutputSink"/>.</summary>
internal sealed class RecordingOutputSink : IModelOutputSink
{
    /// <summary>Classifications as (class index or -1, label or null, confidence).</summary>
    public ConcurrentQueue<(int Class, string? Label, double Confidence)> Classifications { get; } = new();

    /// <summary>Classifications as (label, or <c>#index</c> for an index, confidence).</summary>
    public ConcurrentQueue<(string Label, double Confidence)> Predictions { get; } = new();

    /// <summary>The request id of every classification, in order.</summary>
    public ConcurrentQueue<string?> RequestIds { get; } = new();

    public ConcurrentQueue<double> Regressions { get; } = new();

    public void RecordClassification(int predictedClass, double confidence, string? requestId = null)
    {
        Classifications.Enqueue((predictedClass, null, confidence));
        Predictions.Enqueue(("#" + predictedClass, confidence));
        RequestIds.Enqueue(requestId);
    }

    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null)
    {
        Classifications.Enqueue((-1, predictedLabel, confidence));
        Predictions.Enqueue((predictedLabel, confidence));
        RequestIds.Enqueue(requestId);
    }

    public void RecordRegression(double value, string? requestId = null) => Regressions.Enqueue(value);
}
