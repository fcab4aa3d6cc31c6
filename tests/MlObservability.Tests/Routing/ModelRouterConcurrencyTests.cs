using MlObservability.Routing;

namespace MlObservability.Tests.Routing;

public sealed class ModelRouterConcurrencyTests
{
    [Test]
    public void RequestsDuringSwitchesAllCompleteOnOneVersion()
    {
        using var router = new ModelRouter<VersionedModel>("concurrent-model", new ModelRouterOptions());
        router.AddVersion("1", new VersionedModel("1"));
        router.AddVersion("2", new VersionedModel("2"));
        const int Workers = 4;
        const int RequestsPerWorker = 50_000;
        long[] servedBy = new long[3];
        long mismatched = 0;
        using var stop = new CancellationTokenSource();
        using var switching = new ManualResetEventSlim();
        int switches = 0;

        // A thread of its own, and the requests start only once it has switched: on two cores a thread-pool task
        // could otherwise start after the requests had all completed (seen once in .ci/run's stress loop).
        var switcher = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                router.SwitchTo(router.Active.Version == "1" ? "2" : "1", "test");
                switches++;
                switching.Set();
            }
        });
        switcher.Start();
        switching.Wait();
        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, _ =>
        {
            for (int i = 0; i < RequestsPerWorker; i++)
            {
                var routed = router.Active;         // one read per request
                string answer = routed.Model.Predict();
                if (answer != routed.Version)
                {
                    Interlocked.Increment(ref mismatched);
                }

                Interlocked.Increment(ref servedBy[int.Parse(answer, System.Globalization.CultureInfo.InvariantCulture)]);
            }
        });
        stop.Cancel();
        switcher.Join();
        Assert.Multiple(() =>
        {
            Assert.That(mismatched, Is.Zero);
            Assert.That(servedBy[1] + servedBy[2], Is.EqualTo(Workers * RequestsPerWorker), "no request lost");
            Assert.That(switches, Is.GreaterThan(0));
            Assert.That(router.ActionCount(RouterAction.ManualSwitch, RouterActionOutcome.Applied), Is.EqualTo(switches));
        });
    }
}
