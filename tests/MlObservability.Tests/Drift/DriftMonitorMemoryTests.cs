using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DriftMonitorMemoryTests
{
    [Test]
    public void A_long_stream_leaves_the_monitor_at_its_configured_size()
    {
        using var monitor = DriftMonitor.Create("m", "1", DriftMonitorDetectionTests.Profile(), new DriftMonitorOptions { WindowSize = 500, EvaluateOnWindowCompletion = false });
        double[] row = [100, 100, 8];
        long fed = 0;
        var retainedAfterWarmup = 0L;
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < 5_000; i++)
            {
                row[0] = 60 + (i % 97);
                monitor.RecordFeatures(row);
                fed++;
            }

            monitor.Evaluate(DateTimeOffset.UnixEpoch.AddSeconds(round));
            if (round == 10)
            {
                retainedAfterWarmup = RetainedBytes();
            }
        }

        var retainedAtEnd = RetainedBytes();
        Assert.Multiple(() =>
        {
            Assert.That(monitor.EvaluatedRows, Is.EqualTo(200 * 2 * 500), "two windows per evaluation: the one handed over and the one filled behind it");
            Assert.That(monitor.EvaluatedRows + monitor.SkippedRows, Is.EqualTo(fed), "every row is either windowed or counted as skipped");
            Assert.That(retainedAtEnd - retainedAfterWarmup, Is.LessThan(256 * 1024), "a million rows later the heap holds what it held after warm-up");
            Assert.That(monitor.LatestResults, Has.Count.EqualTo(6));
        });
    }

    private static long RetainedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
