using System.Globalization;
using MlObservability.Challengers;

namespace MlObservability.Tests.Challengers;

/// <summary>
/// McNemar's test against scipy 1.10 on TestData/Challengers/mcnemar_reference.csv (written by
/// build_challenger_models.py): exact = scipy.stats.binomtest(min(b, c), b + c, 0.5), asymptotic = scipy.stats.chi2.sf
/// with Edwards' continuity correction; the grid and the pairs of the wine models.
/// </summary>
public sealed class McNemarTestTests
{
    private static IEnumerable<TestCaseData> Reference()
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Challengers", "mcnemar_reference.csv");
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            yield return new TestCaseData(long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)).SetName($"{f[0]} b={f[1]} c={f[2]}");
        }
    }

    [TestCaseSource(nameof(Reference))]
    public void ExactAndAsymptoticPValuesAgreeWithScipy(long b, long c, double exact, double asymptotic)
    {
        var e = McNemarTest.Test(b, c, exactBelow: int.MaxValue);
        var a = McNemarTest.Test(b, c, exactBelow: 0);
        Assert.Multiple(() =>
        {
            Assert.That(e.IsExact, Is.True);
            Assert.That(e.PValue, Is.EqualTo(exact).Within(1e-7).Percent);
            Assert.That(a.IsExact, Is.EqualTo(b + c == 0));
            Assert.That(a.PValue, Is.EqualTo(asymptotic).Within(1e-7).Percent);
        });
    }

    [TestCaseSource(nameof(Reference))]
    public void DefaultSwitchesToTheAsymptoticTestAt25DiscordantPairs(long b, long c, double exact, double asymptotic)
    {
        var result = McNemarTest.Test(b, c);
        Assert.That(result.IsExact, Is.EqualTo(b + c < 25));
        Assert.That(result.PValue, Is.EqualTo(b + c < 25 ? exact : asymptotic).Within(1e-7).Percent);
    }

    [Test]
    public void NegativeCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemarTest.Test(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemarTest.Test(1, -3));
    }
}
