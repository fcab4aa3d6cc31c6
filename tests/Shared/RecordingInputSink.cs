using System.Collections.Concurrent;

namespace MlObservability.Tests.Shared;

/// <summary>Records the feature rows an adapter hands over: the contract with <see cref="IModelInputSink"/>.</summary>
internal sealed class RecordingInputSink : IModelInputSink
{
    private int _floatCalls;

    public ConcurrentQueue<double[]> Rows { get; } = new();

    /// <summary>Rows that arrived as single-precision spans.</summary>
    public int FloatCalls => Volatile.Read(ref _floatCalls);

    public void RecordFeatures(ReadOnlySpan<double> features) => Rows.Enqueue(features.ToArray());

    public void RecordFeatures(ReadOnlySpan<float> features)
    {
        Interlocked.Increment(ref _floatCalls);
        var row = new double[features.Length];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = features[i];
        }

        Rows.Enqueue(row);
    }
}
