namespace MlObservability.Tests.Quality;

/// <summary>
/// The fleet quality counters' concurrency test looped 200 times in a row. Explicit, so the ordinary test run skips it;
/// .ci/run runs the category in its own step (<c>--filter TestCategory=Stress</c>).
/// </summary>
[Category("Stress")]
[Explicit("Stress loop; run with --filter TestCategory=Stress")]
public sealed class FleetQualityCountersStressTests
{
    [Test]
    public void Concurrent_joins_lose_no_count_200_runs_in_a_row()
    {
        for (var run = 0; run < 200; run++)
        {
            FleetQualityCountersTests.ConcurrentRun(4, 1_000);
        }
    }
}
