namespace MlObservability.Tests.Routing;

/// <summary>
/// The router's concurrent-switch test, 30 runs in a row in one process (four request threads against a thread that
/// switches as fast as it can, each run). Explicit: the ordinary test run skips it; .ci/run runs the category once in
/// its own step (<c>--filter TestCategory=Stress</c>).
/// </summary>
[Category("Stress")]
[Explicit("Stress loop; run with --filter TestCategory=Stress")]
public sealed class ModelRouterConcurrencyStressTests
{
    [Test]
    public void Requests_during_switches_all_complete_on_one_version_30_runs_in_a_row()
    {
        var test = new ModelRouterConcurrencyTests();
        for (int run = 0; run < 30; run++)
        {
            test.RequestsDuringSwitchesAllCompleteOnOneVersion();
        }
    }
}
