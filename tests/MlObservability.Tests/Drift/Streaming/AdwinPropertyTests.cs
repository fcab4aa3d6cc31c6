using MlObservability.Drift.Streaming;

namespace MlObservability.Tests.Drift.Streaming;

/// <summary>
/// ADWIN checked against the properties of Bifet &amp; Gavaldà (2007), Theorem 3 and §4: false positives bounded by δ per
/// check under no change; an abrupt change is detected and the window then holds the new data and at most one bucket of
/// older values; the window
/// is an exact suffix of the stream; memory is O(M·log(W/M)) buckets.
/// </summary>
public sealed class AdwinPropertyTests
{
    private static double Bernoulli(Random random, double p) => random.NextDouble() < p ? 1 : 0;

    [Test]
    public void Under_no_change_false_alarms_stay_below_delta_per_check()
    {
        const int runs = 100, length = 10_000;
        long alarms = 0;
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(run);
            var adwin = new AdwinDetector(new AdwinOptions { Delta = 0.002 });
            for (var t = 0; t < length; t++)
            {
                alarms += adwin.Update(Bernoulli(random, 0.3)) ? 1 : 0;
            }
        }

        var checks = runs * (length / 32.0);
        TestContext.Out.WriteLine($"ADWIN delta 0.002: {alarms} false alarms in {runs} runs of {length} (bound delta x checks = {0.002 * checks:F0})");
        Assert.That(alarms, Is.LessThanOrEqualTo(0.002 * checks));
    }

    [Test]
    public void An_abrupt_change_is_detected_and_the_window_drops_the_old_data()
    {
        var delays = new List<int>();
        for (var run = 0; run < 100; run++)
        {
            var random = new Random(100 + run);
            var adwin = new AdwinDetector();
            var detectedAt = -1;
            for (var t = 0; t < 6_000; t++)
            {
                var alarm = adwin.Update(Bernoulli(random, t < 4_000 ? 0.2 : 0.6));
                if (alarm && t >= 4_000 && detectedAt < 0)
                {
                    detectedAt = t;
                }
            }

            Assert.Multiple(() =>
            {
                Assert.That(detectedAt, Is.GreaterThanOrEqualTo(4_000), $"run {run}: the change is detected");
                Assert.That(adwin.Width - 2_000, Is.LessThanOrEqualTo(256), $"run {run}: besides the post-change data the window keeps at most one bucket of older values (the largest bucket of a 2,000-value window with M = 5 holds 2^8)");
                Assert.That(adwin.Mean, Is.EqualTo(0.6).Within(0.05), $"run {run}: the estimate follows the new mean");
            });
            delays.Add(detectedAt - 4_000 + 1);
        }

        TestContext.Out.WriteLine($"ADWIN, error rate 0.2 -> 0.6: mean detection delay {delays.Average():F1} values (max {delays.Max()})");
    }

    [Test]
    public void The_window_is_an_exact_suffix_of_the_stream_in_logarithmic_memory()
    {
        var random = new Random(9);
        var adwin = new AdwinDetector(new AdwinOptions { MaxBuckets = 5 });
        var stream = new List<double>();
        for (var t = 0; t < 100_000; t++)
        {
            var x = t < 60_000 ? random.NextDouble() : 2 + random.NextDouble();
            stream.Add(x);
            adwin.Update(x);
            if (t % 9_973 == 0 || t == 99_999)
            {
                var suffix = stream.Skip(stream.Count - (int)adwin.Width).ToList();
                var mean = suffix.Average();
                var variance = suffix.Sum(v => (v - mean) * (v - mean)) / suffix.Count;
                var bound = 5 * (Math.Floor(Math.Log2(adwin.Width)) + 1);
                Assert.Multiple(() =>
                {
                    Assert.That(adwin.Mean, Is.EqualTo(mean).Within(1e-9), $"t = {t}");
                    Assert.That(adwin.Variance, Is.EqualTo(variance).Within(1e-6), $"t = {t}");
                    Assert.That(adwin.BucketCount, Is.LessThanOrEqualTo(bound), $"t = {t}: O(M log W) buckets");
                });
            }
        }

        Assert.That(adwin.Changes, Is.GreaterThanOrEqualTo(1));
    }
}
