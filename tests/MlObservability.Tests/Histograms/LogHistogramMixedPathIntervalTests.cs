namespace MlObservability.Tests.Histograms;

public sealed class LogHistogramMixedPathIntervalTests
{
    [Test]
    public void Writers_switching_between_fast_and_slow_path_lose_nothing_across_interval_snapshots()
    {
        for (int run = 0; run < 3; run++)
        {
            MixedPathIntervalRun.Run(writers: 4, perWriter: 60_000);
        }
    }
}
