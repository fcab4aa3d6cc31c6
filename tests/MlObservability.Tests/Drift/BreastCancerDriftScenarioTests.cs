using System.Globalization;
using System.Text.Json;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>
/// The drift scenario on real data (scikit-learn's breast cancer CSV; see TestData/Drift/make_breast_cancer_scenario.py):
/// a random half served against a profile of the other half stays quiet; rows from the upper tail of mean radius raise
/// critical drift on radius and its correlated size features, less on the others; KS results match scipy on the same data.
/// </summary>
public sealed class BreastCancerDriftScenarioTests
{
    private static string DataPath(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Drift", file);

    private static readonly string[] Features = ["mean_radius", "mean_texture", "mean_perimeter", "mean_area", "mean_smoothness", "mean_fractal_dimension"];

    private static (ReferenceProfile Profile, List<double[]> Rows, List<int> Classes) Load(string servingFile)
    {
        var profile = ReferenceProfile.FromCsv(DataPath("breast_cancer_reference.csv"), columns: Features);
        var rows = new List<double[]>();
        var classes = new List<int>();
        foreach (var line in File.ReadLines(DataPath(servingFile)).Skip(1))
        {
            var cells = line.Split(',');
            rows.Add([.. cells.Take(Features.Length).Select(c => double.Parse(c, CultureInfo.InvariantCulture))]);
            classes.Add(int.Parse(cells[^1], CultureInfo.InvariantCulture));
        }

        return (profile, rows, classes);
    }

    private static (DriftMonitor Monitor, CollectingEventSink Sink) Serve(string servingFile, string scenario)
    {
        var (profile, rows, _) = Load(servingFile);
        var sink = new CollectingEventSink();
        var options = new DriftMonitorOptions { WindowSize = rows.Count, EvaluateOnWindowCompletion = false };
        var monitor = DriftMonitor.Create("breast-cancer-" + scenario, "1", profile, options, sink);
        foreach (var row in rows)
        {
            monitor.RecordFeatures(row);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        return (monitor, sink);
    }

    [Test]
    public void Random_split_stays_quiet()
    {
        var (monitor, sink) = Serve("breast_cancer_random.csv", "random");
        using (monitor)
        {
            Assert.Multiple(() =>
            {
                Assert.That(monitor.LatestResults, Has.Count.EqualTo(Features.Length * 2));
                Assert.That(monitor.LatestResults.Select(r => r.Severity), Has.All.LessThanOrEqualTo(Severity.Info));
                Assert.That(sink.Events, Has.Count.EqualTo(Features.Length * 2), "an event per feature and method, None included");
                Assert.That(sink.Events.Where(e => e.Severity >= Severity.Warning), Is.Empty);
            });
        }
    }

    [Test]
    public void Serving_one_tail_of_mean_radius_raises_critical_drift_on_size_features()
    {
        var (monitor, sink) = Serve("breast_cancer_shifted.csv", "shifted");
        using (monitor)
        {
            Severity Ks(string f) => monitor.LatestResults.Single(r => r.Feature == f && r.Method == DriftMethod.KolmogorovSmirnov).Severity;
            Severity Psi(string f) => monitor.LatestResults.Single(r => r.Feature == f && r.Method == DriftMethod.Psi).Severity;
            Assert.Multiple(() =>
            {
                foreach (var f in new[] { "mean_radius", "mean_perimeter", "mean_area" })
                {
                    Assert.That(Ks(f), Is.EqualTo(Severity.Critical), f);
                    Assert.That(Psi(f), Is.EqualTo(Severity.Critical), f);
                }

                Assert.That(Ks("mean_texture"), Is.EqualTo(Severity.Warning));
                Assert.That(Ks("mean_smoothness"), Is.EqualTo(Severity.Info));
                var critical = sink.Events.Where(e => e.Severity == Severity.Critical && e.Labels["method"] == "ks").Select(e => e.Labels["feature"]);
                Assert.That(critical, Is.EquivalentTo(new[] { "mean_radius", "mean_perimeter", "mean_area" }));
                Assert.That(sink.Events.All(e => e.Kind == "drift.feature" && e.ModelName == "breast-cancer-shifted"));
            });
        }
    }

    [TestCase("breast_cancer_random.csv", "random")]
    [TestCase("breast_cancer_shifted.csv", "shifted")]
    public void Ks_results_on_real_data_match_scipy(string file, string scenario)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(DataPath("breast_cancer_expected.json")));
        var (monitor, _) = Serve(file, scenario);
        using (monitor)
        {
            Assert.Multiple(() =>
            {
                foreach (var f in Features)
                {
                    var e = expected.RootElement.GetProperty("scenarios").GetProperty(scenario).GetProperty(f);
                    var r = monitor.LatestResults.Single(x => x.Feature == f && x.Method == DriftMethod.KolmogorovSmirnov);
                    Assert.That(r.Score, Is.EqualTo(e.GetProperty("statistic").GetDouble()), f);
                    var scipyP = e.GetProperty("pvalue").GetDouble();
                    const double Alpha = 0.05; // DriftMonitorOptions.SignificanceLevel's default
                    Assert.That(r.PValue < Alpha, Is.EqualTo(scipyP < Alpha), $"{f}: the decision at alpha is scipy's");
                    var referenceSize = monitor.Profile.Features[Array.IndexOf(Features, f)].SortedSample.Length;
                    var asymptotic = KolmogorovSmirnovTest.PValue(referenceSize, r.SampleSize, r.Score, KsAlternative.TwoSided, KsMethod.Asymptotic).PValue;
                    if (KolmogorovSmirnovTest.ExactCouldChangeDecision(asymptotic, Alpha, referenceSize, r.SampleSize))
                    {
                        Assert.That(r.PValue, Is.EqualTo(scipyP).Within(1e-6).Percent, $"{f}: near alpha the exact p-value, as scipy's");
                    }
                    else
                    {
                        Assert.That(r.PValue, Is.EqualTo(asymptotic), $"{f}: far from alpha the asymptotic p-value (scipy's method='asymp')");
                    }
                    Assert.That(r.SampleSize, Is.EqualTo(e.GetProperty("n").GetInt32()));
                }
            });
        }
    }

    [Test]
    public void Prediction_class_drift_is_critical_when_serving_large_tumours()
    {
        var (_, _, classes) = Load("breast_cancer_shifted.csv");
        var builder = new ReferenceProfileBuilder(Features);
        foreach (var line in File.ReadLines(DataPath("breast_cancer_reference.csv")).Skip(1))
        {
            var cells = line.Split(',');
            builder.AddRow([.. cells.Take(Features.Length).Select(c => double.Parse(c, CultureInfo.InvariantCulture))]);
            builder.AddPredictedClass(int.Parse(cells[^1], CultureInfo.InvariantCulture));
        }

        var sink = new CollectingEventSink();
        using var monitor = DriftMonitor.Create("bc", "1", builder.Build(), new DriftMonitorOptions { WindowSize = classes.Count, EvaluateOnWindowCompletion = false }, sink);
        foreach (var c in classes)
        {
            monitor.RecordPredictedClass(c);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        var events = sink.Events.Where(e => e.Kind == "drift.prediction").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Labels["method"]), Is.EquivalentTo(new[] { "psi", "chi_square" }));
            Assert.That(events.Select(e => e.Severity), Has.All.EqualTo(Severity.Critical));
            Assert.That(events.All(e => e.Labels["output"] == "class"));
        });
    }
}
