using System.Text.Json;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>Agreement with scipy.stats.ks_2samp on the vectors in TestData/Drift/ks_2samp.json (method='auto') and
/// ks_2samp_methods.json (method='asymp' where 'auto' is exact, 'exact' where 'auto' is asymptotic).</summary>
public sealed class KolmogorovSmirnovScipyAgreementTests
{
    private static readonly Dictionary<string, (double[] A, double[] B)> Samples = [];

    public static IEnumerable<TestCaseData> Cases() => Load("ks_2samp.json");

    public static IEnumerable<TestCaseData> MethodCases() => Load("ks_2samp_methods.json");

    private static IEnumerable<TestCaseData> Load(string file)
    {
        using var doc = LcgSample.LoadTestData(file);
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            var alternative = c.GetProperty("alternative").GetString()!;
            var method = c.TryGetProperty("method", out var m) ? m.GetString()! : "auto";
            yield return new TestCaseData(
                name,
                method,
                c.GetProperty("sample1").GetRawText(),
                c.GetProperty("sample2").GetRawText(),
                alternative,
                c.GetProperty("statistic").GetDouble(),
                c.GetProperty("pvalue").GetDouble()).SetName($"KS {name} {alternative} {method}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(MethodCases))]
    public void Matches_scipy(string name, string method, string spec1, string spec2, string alternative, double statistic, double pValue)
    {
        var (a, b) = GetSamples(spec1 + spec2, spec1, spec2);
        var alt = alternative switch
        {
            "less" => KsAlternative.Less,
            "greater" => KsAlternative.Greater,
            _ => KsAlternative.TwoSided,
        };

        var ksMethod = method switch
        {
            "exact" => KsMethod.Exact,
            "asymp" => KsMethod.Asymptotic,
            _ => KsMethod.Auto,
        };

        var result = ksMethod == KsMethod.Auto ? KolmogorovSmirnovTest.TwoSample(a, b, alt) : KolmogorovSmirnovTest.TwoSample(a, b, alt, ksMethod);

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
