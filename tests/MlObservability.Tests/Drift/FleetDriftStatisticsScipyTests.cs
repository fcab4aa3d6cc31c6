using System.Text.Json;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The binned fleet statistics against TestData/Drift/fleet_binned.json (numpy/scipy, make_fleet_vectors.py):
/// the same binned figures to rounding, and the exact KS D within the documented binning bound.</summary>
public sealed class FleetDriftStatisticsScipyTests
{
    private const double Epsilon = 1e-4;
    private const double Alpha = 0.05;

    public static IEnumerable<TestCaseData> Cases()
    {
        using var doc = LcgSample.LoadTestData("fleet_binned.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return new TestCaseData(c.GetRawText()).SetName($"{c.GetProperty("kind").GetString()} {c.GetProperty("name").GetString()}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Binned_figures_match_scipy_and_bound_the_exact_ks_statistic(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var c = doc.RootElement;
        var expected = c.GetProperty("binned");
        double[] referenceCdf;
        double[] currentCumulative;
        double referenceRows;
        if (c.GetProperty("kind").GetString() == "numeric")
        {
            var reference = LcgSample.Generate(c.GetProperty("reference"));
            Array.Sort(reference);
            var current = LcgSample.Generate(c.GetProperty("current"));
            var binning = FleetBinning.FromReferenceQuantiles(reference, c.GetProperty("bins").GetInt32());
            Assert.That(binning.Edges.ToArray(), Is.EqualTo(Doubles(c, "edges")).Within(1e-12), "edges at the reference quantiles, as numpy.quantile");
            referenceCdf = binning.CumulativeFractions(reference);
            var counts = new double[binning.BinCount];
            foreach (var v in current)
            {
                counts[binning.BinOf(v)]++;
            }

            currentCumulative = Cumulative(counts);
            referenceRows = reference.Length;
        }
        else
        {
            referenceCdf = Doubles(c, "reference_cdf");
            currentCumulative = Doubles(c, "current_cumulative");
            referenceRows = Doubles(c, "reference_counts").Sum();
        }

        Assert.That(referenceCdf, Is.EqualTo(Doubles(c, "reference_cdf")).Within(1e-15));
        Assert.That(currentCumulative, Is.EqualTo(Doubles(c, "current_cumulative")));
        var f = FleetDriftStatistics.Compute(referenceCdf, currentCumulative, referenceRows, Epsilon, Alpha);
        Assert.Multiple(() =>
        {
            Assert.That(f.Rows, Is.EqualTo(expected.GetProperty("rows").GetDouble()));
            Assert.That(f.Psi, Is.EqualTo(expected.GetProperty("psi").GetDouble()).Within(1e-12));
            Assert.That(f.JensenShannon, Is.EqualTo(expected.GetProperty("js").GetDouble()).Within(1e-12));
            Assert.That(f.KsD, Is.EqualTo(expected.GetProperty("ks_d").GetDouble()).Within(1e-12));
            Assert.That(f.KsLambda, Is.EqualTo(expected.GetProperty("ks_lambda").GetDouble()).Within(1e-9));
            Assert.That(f.KsCritical, Is.EqualTo(expected.GetProperty("ks_critical").GetDouble()).Within(1e-12));
            Assert.That(f.ChiSquare, Is.EqualTo(expected.GetProperty("chi_square").GetDouble()).Within(1e-9).Percent);
            Assert.That(f.ChiSquareDf, Is.EqualTo(expected.GetProperty("chi_square_df").GetInt32()));
            Assert.That(f.CohensW, Is.EqualTo(Math.Sqrt(f.ChiSquare / f.Rows)).Within(1e-12));
            var lambda = expected.GetProperty("ks_lambda").GetDouble();
            var sf = expected.GetProperty("kolmogorov_sf").GetDouble();
            Assert.That(f.KsPValue, Is.EqualTo(sf).Within(lambda < FleetDriftStatistics.KolmogorovSmallLambda ? 1e-5 : 1e-6), "asymptotic p-value: the Kolmogorov series, as scipy.special.kolmogorov");
            if (expected.GetProperty("chi_square_critical_exact").ValueKind == JsonValueKind.Number)
            {
                var exactCritical = expected.GetProperty("chi_square_critical_exact").GetDouble();
                Assert.That(f.ChiSquareCritical, Is.EqualTo(exactCritical).Within(3).Percent, "Wilson-Hilferty against chi2.ppf");
            }

            if (c.TryGetProperty("exact_ks_d", out var exactD))
            {
                // Binned D is a lower bound of the exact D, and misses at most the largest bin mass (docs/fleet.md).
                Assert.That(f.KsD, Is.LessThanOrEqualTo(exactD.GetDouble() + 1e-12));
                Assert.That(exactD.GetDouble(), Is.LessThanOrEqualTo(f.KsD + expected.GetProperty("max_bin_mass").GetDouble() + 1e-12));
            }

            if (c.TryGetProperty("scipy_chisquare", out var chi) && chi.ValueKind == JsonValueKind.Number)
            {
                Assert.That(f.ChiSquare, Is.EqualTo(chi.GetDouble()).Within(1e-9).Percent, "no unseen category: Pearson's chi-square as scipy.stats.chisquare");
            }
        });
    }

    [Test]
    public void Kolmogorov_series_matches_scipy_and_wilson_hilferty_stays_within_its_documented_error()
    {
        using var doc = LcgSample.LoadTestData("fleet_binned.json");
        Assert.Multiple(() =>
        {
            foreach (var k in doc.RootElement.GetProperty("kolmogorov").EnumerateArray())
            {
                Assert.That(FleetDriftStatistics.KolmogorovPValue(k.GetProperty("lambda").GetDouble()), Is.EqualTo(k.GetProperty("sf").GetDouble()).Within(1e-6));
            }

            Assert.That(FleetDriftStatistics.KolmogorovPValue(0.1), Is.EqualTo(1));
            foreach (var w in doc.RootElement.GetProperty("wilson_hilferty").EnumerateArray())
            {
                var df = w.GetProperty("df").GetInt32();
                Assert.That(FleetDriftStatistics.ChiSquareCritical(df, Alpha), Is.EqualTo(w.GetProperty("wilson_hilferty").GetDouble()).Within(1e-9).Percent);
                Assert.That(FleetDriftStatistics.ChiSquareCritical(df, Alpha), Is.EqualTo(w.GetProperty("exact").GetDouble()).Within(df >= 3 ? 1 : 3).Percent);
            }
        });
    }

    [Test]
    public void An_empty_window_has_no_figures()
    {
        var f = FleetDriftStatistics.Compute([0.5, 1], [0, 0], 100, Epsilon, Alpha);
        Assert.That(double.IsNaN(f.Psi) && double.IsNaN(f.KsD) && f.Rows == 0);
    }

    internal static double[] Cumulative(double[] counts)
    {
        var result = new double[counts.Length];
        double total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            result[i] = total;
        }

        return result;
    }

    private static double[] Doubles(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble())];
}
