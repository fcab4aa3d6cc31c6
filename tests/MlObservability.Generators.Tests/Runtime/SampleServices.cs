using System.Runtime.CompilerServices;
using MlObservability.Instrumentation;

namespace MlObservability.Generators.Tests.Runtime;

public sealed record SentimentResult(string PredictedLabel, double Confidence) : IPredictionResult;

public readonly record struct ScoredClass([property: PredictedLabel] int ClassIndex, [property: Confidence] float Score);

/// <summary>Every supported return shape, under a model name used by no other test.</summary>
[Instrumented("runtime-shapes", ModelVersion = "3")]
public interface IShapeService
{
    int Add(int a, int b);

    void Fail(string message);

    Task DelayAsync(int milliseconds, CancellationToken cancellationToken);

    Task<int> ComputeAsync(int value, bool fail);

    ValueTask PingAsync();

    ValueTask<int> EchoAsync(int value);

    IAsyncEnumerable<int> CountAsync(int count, int failAt, CancellationToken cancellationToken);

    bool TryParse(string text, out int value);

    [Instrumented(Endpoint = "/predict")]
    SentimentResult Predict([FeatureVector] double[] features);

    ScoredClass Classify([FeatureVector] ReadOnlySpan<float> features);

    T Identity<T>(T value)
        where T : notnull;

    void Increment(ref int counter, in int by);

    string Name { get; }
}

public sealed class ShapeService : IShapeService
{
    public string Name => "shapes";

    public int Add(int a, int b) => a + b;

    public void Fail(string message) => ThrowInvalid(message);

    public async Task DelayAsync(int milliseconds, CancellationToken cancellationToken) =>
        await Task.Delay(milliseconds, cancellationToken);

    public async Task<int> ComputeAsync(int value, bool fail)
    {
        await Task.Yield();
        return fail ? throw new FormatException("bad value " + value) : value * 2;
    }

    public ValueTask PingAsync() => ValueTask.CompletedTask;

    public ValueTask<int> EchoAsync(int value) => new(value);

    public async IAsyncEnumerable<int> CountAsync(int count, int failAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (i == failAt)
            {
                throw new ArgumentOutOfRangeException(nameof(failAt), "stream failed");
            }

            yield return i;
        }
    }

    public bool TryParse(string text, out int value) => int.TryParse(text, out value);

    public T Identity<T>(T value)
        where T : notnull => value;

    public void Increment(ref int counter, in int by) => counter += by;

    public SentimentResult Predict(double[] features) =>
        new(features[0] > 0 ? "positive" : "negative", Math.Abs(features[0]));

    public ScoredClass Classify(ReadOnlySpan<float> features) => new(features.Length, features[0]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid(string message) => throw new InvalidOperationException(message);
}

/// <summary>Only one method marked: the other is forwarded untouched.</summary>
public interface IPartlyInstrumented
{
    [Instrumented("runtime-partly", Endpoint = "scored")]
    int Scored(int x);

    int Plain(int x);
}

public sealed class PartlyInstrumented : IPartlyInstrumented
{
    public int Scored(int x) => x + 1;

    public int Plain(int x) => x - 1;
}

public interface IRanker
{
    double[] Rank(double[] scores);
}

/// <summary>[Instrumented] on the implementation class: the decorator implements its interfaces.</summary>
[Instrumented("runtime-class-target")]
public sealed class Ranker : IRanker, IDisposable
{
    public bool Disposed { get; private set; }

    public double[] Rank([FeatureVector] double[] scores) => scores.OrderDescending().ToArray();

    public void Dispose() => Disposed = true;
}

/// <summary>A stream of predictions: every item is captured.</summary>
[Instrumented("runtime-stream")]
public interface IPredictionStream
{
    IAsyncEnumerable<SentimentResult> PredictAllAsync([FeatureVector] double[][] rows);
}

public sealed class PredictionStream : IPredictionStream
{
    public async IAsyncEnumerable<SentimentResult> PredictAllAsync(double[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return new SentimentResult(row[0] > 0 ? "up" : "down", 0.5);
        }
    }
}
