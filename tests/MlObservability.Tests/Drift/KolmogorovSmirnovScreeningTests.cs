using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The drift monitor's screened Kolmogorov-Smirnov p-value: the asymptotic value first, the exact one only near
/// α. The decision at α must be the one the exact p-value gives, for every D on the lattice.</summary>
public sealed class KolmogorovSmirnovScreeningTests
{
    [TestCase(5_000, 1_000, 0.05)]
    [TestCase(5_000, 1_000, 0.01)]
    [TestCase(1_000, 1_000, 0.05)]
    [TestCase(2_000, 500, 0.05)]
    [TestCase(300, 200, 0.05)]
    [TestCase(300, 200, 0.001)]
    [TestCase(60, 40, 0.05)]
    [TestCase(20, 30, 0.05)]
    [TestCase(10, 12, 0.1)]
    [TestCase(5_000, 1_000, 0.0001)]
    [TestCase(5_000, 1_000, 0.2)]
    [TestCase(5_000, 5_000, 0.05)]
    [TestCase(2_500, 2_500, 0.01)]
    [TestCase(1_000, 999, 0.01)]
    [TestCase(500, 500, 0.001)]
    [TestCase(250, 250, 0.05)]
    [TestCase(100, 100, 0.05)]
    [TestCase(100, 100, 0.001)]
    [TestCase(64, 64, 0.1)]
    [TestCase(50, 50, 0.05)]
    [TestCase(200, 50, 0.01)]
    public void Screened_p_values_decide_as_the_exact_ones_do_at_alpha(int n1, int n2, double alpha)
    {
        var lcm = (long)n1 / Gcd(n1, n2) * n2;
        var step = Math.Max(1, lcm / 400);
        var screenedOutside = 0;
        for (var h = step; h <= lcm / 2; h += step)
        {
            var d = (double)h / lcm;
            var exact = KolmogorovSmirnovTest.PValue(n1, n2, d, KsAlternative.TwoSided, KsMethod.Auto);
            var screened = KolmogorovSmirnovTest.ScreenedPValue(n1, n2, d, alpha);
            Assert.That(screened.Statistic, Is.EqualTo(exact.Statistic), $"D at h = {h}");
            Assert.That(screened.PValue < alpha, Is.EqualTo(exact.PValue < alpha), $"decision at D = {d}: screened {screened.PValue}, exact {exact.PValue}");
            if (screened.IsExact)
            {
                Assert.That(screened.PValue, Is.EqualTo(exact.PValue), "inside the band the exact value itself is reported");
            }
            else
            {
                screenedOutside++;
            }
        }

        Assert.That(screenedOutside, Is.GreaterThan(0), "some D values skip the exact computation");
    }

    [TestCase(5_000, 1_000, 0.05, 1.1)]
    [TestCase(1_000, 1_000, 0.05, 1.15)]
    [TestCase(100, 100, 0.05, 1.5)]
    public void Large_samples_take_the_exact_count_only_in_a_narrow_band(int n1, int n2, double alpha, double factor)
    {
        Assert.Multiple(() =>
        {
            Assert.That(KolmogorovSmirnovTest.ExactCouldChangeDecision(alpha, alpha, n1, n2), Is.True, "at alpha");
            Assert.That(KolmogorovSmirnovTest.ExactCouldChangeDecision(alpha * factor, alpha, n1, n2), Is.False, "above the band");
            Assert.That(KolmogorovSmirnovTest.ExactCouldChangeDecision(alpha / factor, alpha, n1, n2), Is.False, "below the band");
            Assert.That(KolmogorovSmirnovTest.ExactCouldChangeDecision(alpha * 3.9, alpha, 10, 12), Is.True, "small samples keep the factor-4 band");
        });
    }

    [Test]
    public void The_monitor_rejects_a_significance_level_outside_0_to_1()
    {
        Assert.That(() => DriftMonitor.Create("m", "1", DriftMonitorDetectionTests.Profile(), new DriftMonitorOptions { SignificanceLevel = 1 }),
            Throws.ArgumentException.With.Message.Contains("SignificanceLevel must be between 0 and 1"));
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
