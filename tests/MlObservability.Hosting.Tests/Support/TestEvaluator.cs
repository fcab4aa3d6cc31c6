using System.Collections.Concurrent;

namespace MlObservability.Hosting.Tests.Support;

/// <summary>An evaluator that records when it ran and can be told to fail; signals each pass.</summary>
internal sealed class RecordingEvaluator(string name, bool fail = false) : IMonitoringEvaluator, IDisposable
{
    private readonly SemaphoreSlim _ran = new(0);

    public ConcurrentQueue<DateTimeOffset> Calls { get; } = new();

    public string EvaluatorName => name;

    public void Evaluate(DateTimeOffset now)
    {
        Calls.Enqueue(now);
        _ran.Release();
        if (fail)
        {
            throw new InvalidOperationException($"{name} failed on purpose");
        }
    }

    /// <summary>Waits for the next pass; the timeout only keeps a broken test from hanging.</summary>
    public bool WaitForCall() => _ran.Wait(TimeSpan.FromSeconds(30));

    public void Dispose() => _ran.Dispose();
}
