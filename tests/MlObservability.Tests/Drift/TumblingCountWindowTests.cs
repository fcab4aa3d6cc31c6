using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The hand-over of a full tumbling window by its last writer (issue 16: no row skipped while the evaluation
/// is still queued), and the skip once the evaluator is a whole window behind.</summary>
public sealed class TumblingCountWindowTests
{
    [Test]
    public void The_last_writer_hands_a_full_window_over_so_the_next_rows_land_in_the_spare()
    {
        var window = new TumblingCountWindow(columns: 2, capacity: 4);
        var completed = Enumerable.Range(0, 8).Select(i => Write(window, i)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(completed, Is.EqualTo(new bool?[] { false, false, false, true, false, false, false, true }), "each buffer reports its completion once");
            Assert.That(Write(window, 8), Is.Null, "both buffers full: the ninth row is skipped");
            Assert.That(window.PendingRows, Is.EqualTo(8));
        });
    }

    [Test]
    public void Evaluation_takes_the_ready_window_then_the_one_that_filled_behind_it_with_rows_intact()
    {
        var window = new TumblingCountWindow(columns: 2, capacity: 4);
        for (var i = 0; i < 8; i++)
        {
            Write(window, i);
        }

        var segments = new List<WindowSegment>();
        var first = window.TakeDue(0, segments);
        var firstRows = Rows(segments);
        var secondDue = window.Release();
        segments.Clear();
        var second = window.TakeDue(0, segments);
        var secondRows = Rows(segments);
        var thirdDue = window.Release();
        segments.Clear();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(4));
            Assert.That(firstRows, Is.EqualTo(new[] { 0.0, 1, 2, 3 }));
            Assert.That(secondDue, Is.True, "the active buffer was full when the first was released");
            Assert.That(second, Is.EqualTo(4));
            Assert.That(secondRows, Is.EqualTo(new[] { 4.0, 5, 6, 7 }));
            Assert.That(thirdDue, Is.False);
            Assert.That(window.TakeDue(0, segments), Is.Zero, "nothing more is due");
            Assert.That(window.PendingRows, Is.Zero);
            Assert.That(Write(window, 9), Is.False, "rows land again once a buffer is free");
        });
    }

    [Test]
    public void A_window_filled_while_another_is_evaluated_is_taken_after_the_release_and_none_of_its_rows_is_skipped()
    {
        var window = new TumblingCountWindow(columns: 2, capacity: 4);
        for (var i = 0; i < 4; i++)
        {
            Write(window, i);
        }

        var segments = new List<WindowSegment>();
        Assert.That(window.TakeDue(0, segments), Is.EqualTo(4));

        // While the first window is being evaluated, the second fills; its rows are all kept.
        var written = Enumerable.Range(4, 4).Select(i => Write(window, i)).ToList();
        Assert.That(written, Has.None.Null);
        Assert.That(Write(window, 99), Is.Null, "the evaluated buffer is not free yet");

        Assert.That(window.Release(), Is.True);
        segments.Clear();
        Assert.Multiple(() =>
        {
            Assert.That(window.TakeDue(0, segments), Is.EqualTo(4));
            Assert.That(Rows(segments), Is.EqualTo(new[] { 4.0, 5, 6, 7 }));
        });
    }

    [Test]
    public void Concurrent_writers_and_an_evaluator_take_only_whole_intact_windows_and_lose_no_row() => RaceWritersAndEvaluator(rowsPerWriter: 100_000);

    /// <summary>Four writers against an evaluator that takes and releases windows flat out; asserts that every row is
    /// taken, skipped or pending, that only whole windows are taken, and that no taken row is torn.</summary>
    internal static void RaceWritersAndEvaluator(int rowsPerWriter)
    {
        const int Capacity = 64, Writers = 4;
        var window = new TumblingCountWindow(columns: 2, capacity: Capacity);
        long skipped = 0, taken = 0, torn = 0;
        using var stop = new CancellationTokenSource();
        var evaluator = Task.Run(() =>
        {
            var segments = new List<WindowSegment>();
            void TakeAll()
            {
                do
                {
                    segments.Clear();
                    var rows = window.TakeDue(0, segments);
                    if (rows == 0)
                    {
                        break;
                    }

                    taken += rows;
                    var s = segments[0];
                    for (var r = 0; r < s.Count; r++)
                    {
                        torn += s.Buffer[(r * 2) + 1] == -s.Buffer[r * 2] ? 0 : 1;
                    }
                }
                while (window.Release());
            }

            while (!stop.IsCancellationRequested)
            {
                TakeAll();
            }

            TakeAll();
        });
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            for (var i = 0; i < rowsPerWriter; i++)
            {
                if (Write(window, (w * rowsPerWriter) + i + 1) is null)
                {
                    Interlocked.Increment(ref skipped);
                }
            }
        });
        stop.Cancel();
        evaluator.Wait();

        Assert.Multiple(() =>
        {
            Assert.That(taken + skipped + window.PendingRows, Is.EqualTo(Writers * rowsPerWriter), "every row is taken, skipped or pending");
            Assert.That(taken % Capacity, Is.Zero, "only whole windows are taken");
            Assert.That(window.PendingRows, Is.LessThan(Capacity), "the last pass takes every full window");
            Assert.That(torn, Is.Zero, "a taken window holds only complete rows");
        });
    }

    /// <summary>Writes row value (v, -v); null when skipped, otherwise whether it completed a window.</summary>
    private static bool? Write(TumblingCountWindow window, double v)
    {
        if (!window.TryBeginRow(out var slot))
        {
            return null;
        }

        slot.Write(0, v);
        slot.Write(1, -v);
        return window.EndRow(slot);
    }

    private static double[] Rows(List<WindowSegment> segments) =>
        [.. segments.SelectMany(s => Enumerable.Range(0, s.Count).Select(r => s.Buffer[r * s.Stride]))];
}
