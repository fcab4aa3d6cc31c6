using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

/// <summary>
/// The interval race looped 200 times in a row: a race that fails one run in 50 fails here. Explicit, so the ordinary
/// test run skips it; .ci/run runs the category once in its own step (<c>--filter TestCategory=Stress</c>).
/// </summary>
[Category("Stress")]
[Explicit("Stress loop; run with --filter TestCategory=Stress")]
public sealed class LogHistogramIntervalStressTests
{
    [Test]
    public void Interval_snapshots_lose_nothing_200_runs_in_a_row()
    {
        for (int run = 0; run < 200; run++)
        {
            IntervalSnapshotRun.Run(writers: 4, perWriter: 100_000);
        }
    }

    [Test]
    public void Interval_snapshots_through_the_shared_stripe_lose_nothing_200_runs_in_a_row()
    {
        for (int run = 0; run < 200; run++)
        {
            IntervalSnapshotRun.Run(writers: 4, perWriter: 50_000, new LogHistogramOptions { Stripes = 1 });
        }
    }

    [Test]
    public void Interval_snapshots_with_writers_switching_between_fast_and_slow_path_lose_nothing_200_runs_in_a_row()
    {
        for (int run = 0; run < 200; run++)
        {
            MixedPathIntervalRun.Run(writers: 4, perWriter: 30_000);
        }
    }
}
