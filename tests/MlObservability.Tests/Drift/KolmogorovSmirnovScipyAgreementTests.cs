using System.Text.Json;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>Agreement with scipy.stats.ks_2samp(method='auto') on the vectors in TestData/Drift/ks_2samp.json.</summary>
public sealed class KolmogorovSmirnovScipyAgreementTests
{
    private static readonly Dictionary<string, (double[] A, double[] B)> Samples = [];

    public static IEnumerable<TestCaseData> Cases()
    {
        using var doc = LcgSample.LoadTestData("ks_2samp.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            var alternative = c.GetProperty("alternative").GetString()!;
            yield return new TestCaseData(
                name,
                c.GetProperty("sample1").GetRawText(),
                c.GetProperty("sample2").GetRawText(),
                alternative,
                c.GetProperty("statistic").GetDouble(),
                c.GetProperty("pvalue").GetDouble()).SetName($"KS {name} {alternative}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Matches_scipy(string name, string spec1, string spec2, string alternative, double statistic, double pValue)
    {
        var (a, b) = GetSamples(name, spec1, spec2);
        var alt = alternative switch
        {
            "less" => KsAlternative.Less,
            "greater" => KsAlternative.Greater,
            _ => KsAlternative.TwoSided,
        };

        var result = KolmogorovSmirnovTest.TwoSample(a, b, alt);

        Assert.Multiple(() =>
        {
            Assert.That(result.Statistic, Is.EqualTo(statistic), "D must agree exactly");
            if (pValue > 1e-12)
            {
                Assert.That(result.PValue, Is.EqualTo(pValue).Within(1e-6).Percent.Or.EqualTo(pValue).Within(1e-6 * pValue));
            }
            else
            {
                Assert.That(result.PValue, Is.LessThanOrEqualTo(1e-10));
            }
        });
    }

    private static (double[] A, double[] B) GetSamples(string name, string spec1, string spec2)
    {
        lock (Samples)
        {
            if (!Samples.TryGetValue(name, out var pair))
            {
                using var d1 = JsonDocument.Parse(spec1);
                using var d2 = JsonDocument.Parse(spec2);
                pair = (LcgSample.Generate(d1.RootElement), LcgSample.Generate(d2.RootElement));
                Samples[name] = pair;
            }

            return pair;
        }
    }
}
