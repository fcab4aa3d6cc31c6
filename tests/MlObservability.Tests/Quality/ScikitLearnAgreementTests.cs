using System.Text.Json;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>
/// Compares the quality metrics with scikit-learn 1.2 on the vectors in TestData/Quality/reference_metrics.json
/// (produced by TestData/Quality/make_reference.py).
/// </summary>
public sealed class ScikitLearnAgreementTests
{
    private const double Relative = 1e-9;

    private static readonly Lazy<JsonElement[]> Cases = new(() => ReferenceData.Get("cases").EnumerateArray().ToArray());

    public static IEnumerable<string> ClassificationCases => CaseNames("classification");

    public static IEnumerable<string> RegressionCases => CaseNames("regression");

    [TestCaseSource(nameof(ClassificationCases))]
    public void Classification_metrics_agree_with_scikit_learn(string name)
    {
        var c = Find(name);
        int classCount = c.GetProperty("classCount").GetInt32();
        int[] yTrue = Ints(c.GetProperty("yTrue"));
        int[] yPred = Ints(c.GetProperty("yPred"));
        double[] confidence = Doubles(c.GetProperty("confidence"));
        var expected = c.GetProperty("expected");

        var report = ClassificationMetricsCalculator.Compute(yTrue, yPred, confidence, classCount, classCount == 2, i => "c" + i);

        int[] labels = Ints(expected.GetProperty("labels"));
        Assert.Multiple(() =>
        {
            Assert.That(report.Count, Is.EqualTo(yTrue.Length));
            Assert.That(report.Accuracy, Is.EqualTo(expected.GetProperty("accuracy").GetDouble()).Within(Relative).Percent);
            Assert.That(report.Classes.Select(m => m.ClassIndex), Is.EqualTo(labels));
            AssertClose(report.Classes.Select(m => m.Precision), Doubles(expected.GetProperty("precision")), "precision");
            AssertClose(report.Classes.Select(m => m.Recall), Doubles(expected.GetProperty("recall")), "recall");
            AssertClose(report.Classes.Select(m => m.F1), Doubles(expected.GetProperty("f1")), "f1");
            AssertClose(report.MacroPrecision, expected.GetProperty("macroPrecision").GetDouble(), "macro precision");
            AssertClose(report.MacroRecall, expected.GetProperty("macroRecall").GetDouble(), "macro recall");
            AssertClose(report.MacroF1, expected.GetProperty("macroF1").GetDouble(), "macro F1");
            AssertClose(report.ExpectedCalibrationError, expected.GetProperty("expectedCalibrationError").GetDouble(), "ECE");
            long[][] matrix = expected.GetProperty("confusionMatrix").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
            Assert.That(report.ConfusionMatrix.Select(r => r.ToArray()).ToArray(), Is.EqualTo(matrix), "confusion matrix");
            if (classCount == 2)
            {
                AssertClose(report.LogLoss, expected.GetProperty("logLoss").GetDouble(), "log loss");
                AssertClose(report.BrierScore, expected.GetProperty("brierScore").GetDouble(), "Brier score");
                var auc = expected.GetProperty("rocAuc");
                if (auc.ValueKind == JsonValueKind.Null)
                {
                    Assert.That(report.RocAuc, Is.NaN, "ROC AUC with one class");
                }
                else
                {
                    AssertClose(report.RocAuc, auc.GetDouble(), "ROC AUC");
                }
            }
            else
            {
                Assert.That(report.RocAuc, Is.NaN);
                Assert.That(report.LogLoss, Is.NaN);
            }
        });
    }

    [TestCaseSource(nameof(RegressionCases))]
    public void Regression_metrics_agree_with_scikit_learn(string name)
    {
        var c = Find(name);
        var expected = c.GetProperty("expected");
        var report = RegressionMetricsCalculator.Compute(Doubles(c.GetProperty("yTrue")), Doubles(c.GetProperty("yPred")));
        Assert.Multiple(() =>
        {
            AssertClose(report.MeanAbsoluteError, expected.GetProperty("mae").GetDouble(), "MAE");
            AssertClose(report.RootMeanSquaredError, expected.GetProperty("rmse").GetDouble(), "RMSE");
            AssertClose(report.MeanAbsolutePercentageError, expected.GetProperty("mape").GetDouble(), "MAPE");
        });
    }

    [Test]
    public void Reference_file_has_the_cases_the_script_writes()
    {
        Assert.That(ClassificationCases.Count(), Is.GreaterThanOrEqualTo(5));
        Assert.That(RegressionCases.Count(), Is.GreaterThanOrEqualTo(2));
    }

    private static void AssertClose(double actual, double expected, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Math.Max(Math.Abs(expected) * Relative, 1e-15)), what);

    private static void AssertClose(IEnumerable<double> actual, double[] expected, string what)
    {
        double[] a = actual.ToArray();
        Assert.That(a, Has.Length.EqualTo(expected.Length), what);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(a[i], expected[i], $"{what}[{i}]");
        }
    }

    private static IEnumerable<string> CaseNames(string kind) =>
        Cases.Value.Where(c => c.GetProperty("kind").GetString() == kind).Select(c => c.GetProperty("name").GetString()!);

    private static JsonElement Find(string name) => Cases.Value.Single(c => c.GetProperty("name").GetString() == name);

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
