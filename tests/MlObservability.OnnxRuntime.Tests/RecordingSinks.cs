using System.Collections.Concurrent;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>Records what the adapter hands to the drift monitor: the adapter's contract with <see cref="IModelInputSink"/>.</summary>
internal sealed class RecordingInputSink : IModelInputSink
{
    public ConcurrentQueue<double[]> Rows { get; } = new();

    public int FloatCalls { get; private set; }

    public void RecordFeatures(ReadOnlySpan<double> features) => Rows.Enqueue(features.ToArray());

    public void RecordFeatures(ReadOnlySpan<float> features)
    {
        FloatCalls++;
        var row = new double[features.Length];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = features[i];
        }

        Rows.Enqueue(row);
    }
}

/// <summary>Records what the adapter hands to the quality module: the adapter's contract with <see cref="IModelOutputSink"/>.</summary>
internal sealed class RecordingOutputSink : IModelOutputSink
{
    public ConcurrentQueue<(int Class, string? Label, double Confidence)> Classifications { get; } = new();

    public ConcurrentQueue<double> Regressions { get; } = new();

    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
        Classifications.Enqueue((predictedClass, null, confidence));

    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
        Classifications.Enqueue((-1, predictedLabel, confidence));

    public void RecordRegression(double value, string? requestId = null) => Regressions.Enqueue(value);
}
