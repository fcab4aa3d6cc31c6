using System.Text.Json;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>
/// Predictions and their labels through a real <see cref="QualityMonitor"/>; the figures the library computes from its
/// fleet quality counters (<see cref="FleetQualityStatistics"/>, the arithmetic of the generated fleet rules) against
/// scikit-learn on TestData/Quality/fleet_quality.json (written by TestData/Quality/make_fleet_quality_vectors.py):
/// accuracy, per-class precision / recall / F1, macro F1, confusion, ECE, MAE, RMSE and MAPE to 1e-9; the binned ROC AUC
/// within its documented binning bound of the exact AUC.
/// </summary>
public sealed class FleetQualityScikitLearnTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Quality", "fleet_quality.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone().GetProperty("cases").EnumerateArray().ToArray();
    });

    public static IEnumerable<string> ClassificationCases => Cases.Value.Where(c => c.GetProperty("kind").GetString() == "classification").Select(c => c.GetProperty("name").GetString()!);

    public static IEnumerable<string> RegressionCases => Cases.Value.Where(c => c.GetProperty("kind").GetString() == "regression").Select(c => c.GetProperty("name").GetString()!);

    private static JsonElement Case(string name) => Cases.Value.Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetInt32())];

    [Test]
    public void Reference_file_has_the_cases_the_script_writes() =>
        Assert.That(Cases.Value.Select(c => c.GetProperty("name").GetString()), Is.EquivalentTo(new[]
        {
            "four_classes_one_never_predicted", "seven_classes", "binary_scores_two_decimals", "binary_scores_four_decimals", "regression_with_values_near_zero",
        }));

    [TestCaseSource(nameof(ClassificationCases))]
    public void Classification_figures_from_the_counters_agree_with_scikit_learn(string name)
    {
        var c = Case(name);
        int k = c.GetProperty("classCount").GetInt32();
        int[] yTrue = Ints(c.GetProperty("yTrue"));
        int[] yPred = Ints(c.GetProperty("yPred"));
        double[] confidence = Doubles(c.GetProperty("confidence"));
        var expected = c.GetProperty("expected");
        using var monitor = Monitor("fleet-q-" + name, [.. Enumerable.Range(0, k).Select(i => "c" + i)]);
        for (int i = 0; i < yTrue.Length; i++)
        {
            monitor.RecordClassification(yPred[i], confidence[i], "r" + i);
            Assert.That(monitor.RecordGroundTruth("r" + i, "c" + yTrue[i]), Is.EqualTo(GroundTruthOutcome.Joined));
        }

        var figures = monitor.FleetQualityFigures();
        var snapshot = monitor.FleetQualitySnapshot();
        int[] classes = Ints(expected.GetProperty("classes"));
        double[] precision = Doubles(expected.GetProperty("precision"));
        double[] recall = Doubles(expected.GetProperty("recall"));
        double[] f1 = Doubles(expected.GetProperty("f1"));
        double[] support = Doubles(expected.GetProperty("support"));
        var confusion = expected.GetProperty("confusion").EnumerateArray().Select(Ints).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(figures.Labelled, Is.EqualTo(yTrue.Length));
            Assert.That(figures.Accuracy, Is.EqualTo(expected.GetProperty("accuracy").GetDouble()).Within(Tolerance), "accuracy");
            Assert.That(figures.MacroF1, Is.EqualTo(expected.GetProperty("macroF1").GetDouble()).Within(Tolerance), "macro F1");
            Assert.That(figures.Classes.Select(x => x.ClassIndex), Is.EqualTo(classes), "classes present, as sklearn's labels");
            for (int j = 0; j < classes.Length; j++)
            {
                var fc = figures.Classes[j];
                Assert.That(fc.Precision, Is.EqualTo(precision[j]).Within(Tolerance), $"precision of class {classes[j]}");
                Assert.That(fc.Recall, Is.EqualTo(recall[j]).Within(Tolerance), $"recall of class {classes[j]}");
                Assert.That(fc.F1, Is.EqualTo(f1[j]).Within(Tolerance), $"F1 of class {classes[j]}");
                Assert.That(fc.Support, Is.EqualTo(support[j]), $"support of class {classes[j]}");
            }

            for (int t = 0; t < k; t++)
            {
                for (int p = 0; p < k; p++)
                {
                    Assert.That(snapshot.Confusion[t, p], Is.EqualTo(confusion[t][p]), $"confusion[{t}, {p}]");
                }
            }

            Assert.That(snapshot.Dropped, Is.All.Zero, "every pair fits the matrix and every row has a confidence");
            Assert.That(figures.ExpectedCalibrationError, Is.EqualTo(expected.GetProperty("ece").GetDouble()).Within(Tolerance), "ECE");
            Assert.That(figures.ExpectedCalibrationError, Is.EqualTo(monitor.EvaluateNow().Classification.ExpectedCalibrationError).Within(Tolerance),
                "the fleet ECE is the in-process ECE: the same bins");
        });

        if (c.GetProperty("binary").GetBoolean())
        {
            double exact = expected.GetProperty("rocAuc").GetDouble();
            Assert.Multiple(() =>
            {
                Assert.That(figures.RocAuc, Is.EqualTo(expected.GetProperty("binnedRocAuc").GetDouble()).Within(1e-12), "numpy's binned AUC");
                Assert.That(Math.Abs(figures.RocAuc - exact), Is.LessThanOrEqualTo(figures.RocAucBinningBound), "within the binning bound of sklearn's exact AUC");
                Assert.That(figures.RocAucBinningBound, Is.GreaterThan(0).And.LessThan(0.05), "20 bins: a bound of a few hundredths");
                Assert.That(figures.RocAuc, Is.Not.EqualTo(exact).Within(1e-6), "the binned AUC is a different figure (else the bound test proves nothing)");
            });
        }
        else
        {
            Assert.That(figures.RocAuc, Is.NaN, "no score bins for a multiclass model");
        }
    }

    [TestCaseSource(nameof(RegressionCases))]
    public void Regression_figures_from_the_counters_agree_with_scikit_learn(string name)
    {
        var c = Case(name);
        double[] yTrue = Doubles(c.GetProperty("yTrue"));
        double[] yPred = Doubles(c.GetProperty("yPred"));
        var expected = c.GetProperty("expected");
        using var monitor = Monitor("fleet-q-" + name, null);
        for (int i = 0; i < yTrue.Length; i++)
        {
            monitor.RecordRegression(yPred[i], "r" + i);
            Assert.That(monitor.RecordGroundTruth("r" + i, yTrue[i]), Is.EqualTo(GroundTruthOutcome.Joined));
        }

        var figures = monitor.FleetQualityFigures();
        Assert.Multiple(() =>
        {
            Assert.That(figures.RegressionCount, Is.EqualTo(yTrue.Length));
            Assert.That(figures.Mae, Is.EqualTo(expected.GetProperty("mae").GetDouble()).Within(Tolerance), "MAE");
            Assert.That(figures.Rmse, Is.EqualTo(expected.GetProperty("rmse").GetDouble()).Within(Tolerance), "RMSE");
            Assert.That(figures.Mape, Is.EqualTo(expected.GetProperty("mape").GetDouble()).Within(Tolerance * Math.Max(1, expected.GetProperty("mape").GetDouble())), "MAPE");
            Assert.That(figures.Labelled, Is.Zero);
            Assert.That(figures.Accuracy, Is.NaN);
        });
    }

    internal static QualityMonitor Monitor(string name, string[]? classLabels) => new(name, "1", new QualityMonitorOptions
    {
        ClassLabels = classLabels,
        Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        RollingWindowSize = 10_000,
        LabelRetention = 10_000,
    });
}
