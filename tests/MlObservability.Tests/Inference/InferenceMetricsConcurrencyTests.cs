using MlObservability.Drift;
using MlObservability.Inference;

namespace MlObservability.Tests.Inference;

/// <summary>The per-core striped counts of the inference path (issue 16, target 4) lose nothing when threads record at
/// once: calls by outcome, calls in flight (started on one core, ended on another), and rows skipped by a full drift
/// window.</summary>
public sealed class InferenceMetricsConcurrencyTests
{
    private const int Threads = 4;
    private const int PerThread = 20_000;

    [Test]
    public void Concurrent_calls_are_counted_exactly_by_outcome_and_none_stays_in_flight()
    {
        using var metrics = new InferenceMetrics("striped-counts", "1", "/p");
        Run(t =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var start = metrics.Start();

                switch (i % 10)
                {
                    case 0:
                        metrics.RecordError(start, "Boom");
                        break;
                    case 1:
                        metrics.RecordCancelled(start);
                        break;
                    default:
                        metrics.RecordSuccess(start);
                        break;
                }
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(metrics.RequestCount, Is.EqualTo(Threads * PerThread));
            Assert.That(metrics.ErrorCount, Is.EqualTo(Threads * PerThread / 10));
            Assert.That(metrics.CancelledCount, Is.EqualTo(Threads * PerThread / 10));
            Assert.That(metrics.ActiveCount, Is.Zero, "every started call ended");
        });
    }

    [Test]
    public void Rows_arriving_when_both_tumbling_buffers_are_full_are_all_counted_as_skipped()
    {
        var profile = ReferenceProfileBuilder.FromColumns([new("x", [.. Enumerable.Range(0, 100).Select(i => (double)i)])]);
        const int Window = 1_000;
        using var monitor = DriftMonitor.Create("striped-skips", "1", profile,
            new DriftMonitorOptions { WindowSize = Window, EvaluateOnWindowCompletion = false, FleetFeatures = [] });
        Run(t =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                monitor.RecordFeatures([(double)((t + i) % 100)]);
            }
        });

        // Nothing evaluates: the first window is handed over when full, the second fills behind it, and every row
        // after that is skipped and counted.
        Assert.That(monitor.SkippedRows, Is.EqualTo((Threads * PerThread) - (2 * Window)), "the two buffers took exactly their size");
        Assert.That(monitor.PendingRows, Is.EqualTo(2 * Window));
    }

    private static void Run(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            body(t);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
