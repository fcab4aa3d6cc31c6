using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Tests.Slo;

/// <summary>The coarse clock the SLO tracker counts inferences with (system clock only): within milliseconds of the
/// system clock, and never running backwards by more than its resolution.</summary>
public sealed class CoarseUtcClockTests
{
    // The tick count's resolution (up to 16 ms on Windows) plus the offset's error: far below a one-minute bucket.
    private static readonly long Tolerance = TimeSpan.FromMilliseconds(50).Ticks;

    [Test]
    public void It_reads_the_system_clock_to_within_milliseconds()
    {
        for (var i = 0; i < 2_000; i++)
        {
            long before = TimeProvider.System.GetUtcNow().UtcTicks;
            long coarse = CoarseUtcClock.UtcTicks;
            long after = TimeProvider.System.GetUtcNow().UtcTicks;
            Assert.That(coarse, Is.InRange(before - Tolerance, after + Tolerance), $"reading {i}");
            if (i % 1_000 == 0)
            {
                Thread.Sleep(1_100); // past a resync
            }
        }
    }

    [Test]
    public void A_tracker_on_the_system_clock_counts_each_inference_in_the_current_minute()
    {
        using var tracker = new SloTracker("coarse-clock", [SloObjective.ErrorRate(0.2, "errors")], "1");
        for (var i = 0; i < 10; i++)
        {
            tracker.OnInference(new InferenceRecord(0.01, i < 9 ? InferenceOutcome.Success : InferenceOutcome.Error, 1, i < 9 ? null : "boom"));
        }

        tracker.Evaluate(TimeProvider.System.GetUtcNow());
        var status = tracker.GetStatus("errors")!;
        Assert.That((status.Good, status.Total), Is.EqualTo((9L, 10L)));
    }
}
