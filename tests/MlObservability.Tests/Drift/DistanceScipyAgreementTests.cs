using System.Text.Json;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>PSI, Jensen-Shannon, Wasserstein and chi-square against TestData/Drift/psi_js_wasserstein_chi2.json (scipy).</summary>
public sealed class DistanceScipyAgreementTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        using var doc = LcgSample.LoadTestData("psi_js_wasserstein_chi2.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return new TestCaseData(c.GetRawText()).SetName($"{c.GetProperty("kind").GetString()} {c.GetProperty("name").GetString()}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Matches_scipy(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var c = doc.RootElement;
        switch (c.GetProperty("kind").GetString())
        {
            case "js":
                Assert.That(JensenShannonDistance.Compute(Doubles(c, "p"), Doubles(c, "q")), Is.EqualTo(c.GetProperty("value").GetDouble()).Within(1e-12));
                break;
            case "psi":
                Assert.That(PopulationStabilityIndex.FromProportions(Doubles(c, "p"), Doubles(c, "q")), Is.EqualTo(c.GetProperty("value").GetDouble()).Within(1e-12));
                break;
            case "wasserstein":
                var a = LcgSample.Generate(c.GetProperty("sample1"));
                var b = LcgSample.Generate(c.GetProperty("sample2"));
                Array.Sort(a);
                Array.Sort(b);
                var mean = a.Average();
                var std = Math.Sqrt(a.Sum(x => (x - mean) * (x - mean)) / a.Length);
                Assert.Multiple(() =>
                {
                    Assert.That(WassersteinDistance.FromSorted(a, b), Is.EqualTo(c.GetProperty("value").GetDouble()).Within(1e-9).Percent);
                    Assert.That(WassersteinDistance.Normalised(a, b, std), Is.EqualTo(c.GetProperty("normalised").GetDouble()).Within(1e-9).Percent);
                });
                break;
            case "chi2":
                var r = ChiSquareTest.GoodnessOfFit(Doubles(c, "observed"), Doubles(c, "expected"));
                Assert.Multiple(() =>
                {
                    Assert.That(r.Statistic, Is.EqualTo(c.GetProperty("statistic").GetDouble()).Within(1e-10));
                    Assert.That(r.PValue, Is.EqualTo(c.GetProperty("pvalue").GetDouble()).Within(1e-8).Percent);
                });
                break;
            default:
                Assert.Fail("unknown case kind");
                break;
        }
    }

    private static double[] Doubles(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble())];
}
