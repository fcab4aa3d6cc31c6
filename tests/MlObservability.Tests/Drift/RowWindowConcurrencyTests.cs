using MlObservability.Concurrency;
using MlObservability.Drift;
using MlObservability.Drift.Streaming;

namespace MlObservability.Tests.Drift;

/// <summary>
/// The detectors' lock-free recording under contention: four writers and a concurrent evaluator. Every row a window
/// hands to evaluation is complete (all its values from one write), and every row is accounted for exactly once
/// (taken + skipped = written); the value queue delivers every enqueued value once, in per-writer order.
/// </summary>
public sealed class RowWindowConcurrencyTests
{
    [Test]
    [Repeat(20)]
    public void Taken_rows_are_complete_and_every_row_is_counted_once()
    {
        const int writers = 4, perWriter = 20_000, width = 8;
        var window = new RowWindow<double>(capacity: 500, width);
        long takenRows = 0, torn = 0;
        var done = 0;
        var evaluator = Task.Run(() =>
        {
            while (Volatile.Read(ref done) < writers || window.Count > 0)
            {
                var values = window.Take(out var rows).Span;
                for (var r = 0; r < rows; r++)
                {
                    var row = values.Slice(r * width, width);
                    for (var j = 1; j < width; j++)
                    {
                        torn += row[j] == row[0] + j ? 0 : 1;
                    }
                }

                takenRows += rows;
            }
        });
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            Span<double> row = stackalloc double[width];
            for (var i = 0; i < perWriter; i++)
            {
                var id = (w * perWriter) + i;
                for (var j = 0; j < width; j++)
                {
                    row[j] = id + j;
                }

                window.TryAdd(row);
            }

            Interlocked.Increment(ref done);
        });
        evaluator.Wait();
        Assert.Multiple(() =>
        {
            Assert.That(torn, Is.Zero);
            Assert.That(takenRows + window.Skipped, Is.EqualTo(writers * perWriter));
            Assert.That(window.Taken, Is.EqualTo(takenRows));
        });
    }

    [Test]
    [Repeat(20)]
    public void The_value_queue_delivers_every_value_once_in_per_writer_order()
    {
        const int writers = 4, perWriter = 50_000;
        var queue = new BoundedWorkQueue<double>(1_024);
        var last = new long[writers];
        Array.Fill(last, -1);
        long received = 0, outOfOrder = 0, dropped = 0;
        var done = 0;
        var consumer = Task.Run(() =>
        {
            while (true)
            {
                if (queue.TryDequeue(out var v))
                {
                    var w = (int)(v / perWriter);
                    var i = (long)v % perWriter;
                    outOfOrder += i > last[w] ? 0 : 1;
                    last[w] = i;
                    received++;
                }
                else if (Volatile.Read(ref done) == writers)
                {
                    if (!queue.TryDequeue(out v))
                    {
                        break;
                    }

                    var w = (int)(v / perWriter);
                    last[w] = (long)v % perWriter;
                    received++;
                }
            }
        });
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                if (!queue.TryEnqueue((w * perWriter) + i))
                {
                    Interlocked.Increment(ref dropped);
                }
            }

            Interlocked.Increment(ref done);
        });
        consumer.Wait();
        Assert.Multiple(() =>
        {
            Assert.That(outOfOrder, Is.Zero);
            Assert.That(received + dropped, Is.EqualTo(writers * perWriter));
        });
    }
}
