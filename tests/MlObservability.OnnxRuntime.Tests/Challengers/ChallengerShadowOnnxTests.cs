using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlObservability.Challengers;
using MlObservability.Quality;

namespace MlObservability.OnnxRuntime.Tests.Challengers;

/// <summary>
/// A champion and a challenger that are real ONNX models of different quality (TestData/Challengers, built by
/// build_challenger_models.py from scikit-learn logistic regressions on the UCI wine data): every row is a request, the
/// challenger scores it in shadow, the labels come late by request id, and the comparison agrees with scipy.
/// </summary>
public sealed class ChallengerShadowOnnxTests
{
    private static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Challengers");

    [TestCase("good", "fair")]
    [TestCase("good", "poor")]
    [TestCase("poor", "good")]
    [TestCase("fair", "poor")]
    public void ComparisonOfRealModelsAgreesWithScipy(string champion, string challenger)
    {
        var (rows, labels, expected) = ReadPredictions();
        var reference = ReadReference($"{champion}-{challenger}");
        using var championSession = new InferenceSession(Path.Combine(Folder, $"wine_{champion}.onnx"));
        using var challengerSession = new InferenceSession(Path.Combine(Folder, $"wine_{challenger}.onnx"));
        var events = new CollectingSink();
        using var shadow = new ChallengerShadow<float[]>("wine-shadow-" + champion + challenger, champion, challenger, row => Classify(challengerSession, row),
            new ShadowOptions { Share = 1, QueueCapacity = 256, MinimumLabelledPairs = 100 }, events, null, startWorker: false);
        int championColumn = ColumnOf(champion);
        for (int i = 0; i < rows.Length; i++)
        {
            var served = Classify(championSession, rows[i]);
            Assert.That(served.PredictedClass, Is.EqualTo(expected[i][championColumn]), $"row {i}: ONNX Runtime and numpy disagree");
            Assert.That(shadow.TryShadow("wine-" + i, rows[i], served.PredictedClass, 0.001), Is.True);
        }

        Assert.That(shadow.ProcessQueued(), Is.EqualTo(rows.Length));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.That(shadow.RecordGroundTruth("wine-" + i, labels[i]), Is.True);
        }

        var report = shadow.EvaluateNow(DateTimeOffset.UtcNow);
        double championAccuracy = Enumerable.Range(0, rows.Length).Count(i => expected[i][championColumn] == labels[i]) / (double)rows.Length;
        double challengerAccuracy = Enumerable.Range(0, rows.Length).Count(i => expected[i][ColumnOf(challenger)] == labels[i]) / (double)rows.Length;
        Assert.Multiple(() =>
        {
            Assert.That(report.McNemar.ChampionOnlyCorrect, Is.EqualTo(reference.B));
            Assert.That(report.McNemar.ChallengerOnlyCorrect, Is.EqualTo(reference.C));
            Assert.That(report.McNemar.IsExact, Is.EqualTo(reference.B + reference.C < 25));
            Assert.That(report.McNemar.PValue, Is.EqualTo(reference.B + reference.C < 25 ? reference.Exact : reference.Asymptotic).Within(1e-7).Percent);
            Assert.That(report.ChampionAccuracy, Is.EqualTo(championAccuracy).Within(1e-12));
            Assert.That(report.ChallengerAccuracy, Is.EqualTo(challengerAccuracy).Within(1e-12));
            Assert.That(report.AccuracyDifference, Is.EqualTo(challengerAccuracy - championAccuracy).Within(1e-12));
            Assert.That(report.Verdict, Is.EqualTo(challengerAccuracy > championAccuracy ? ChallengerVerdict.Better : ChallengerVerdict.Worse));
            Assert.That(events.Kinds, Does.Contain(challengerAccuracy > championAccuracy ? ChallengerShadow<float[]>.BetterEventKind : ChallengerShadow<float[]>.WorseEventKind));
            Assert.That(shadow.ChallengerQuality.EvaluateNow().Classification.Accuracy, Is.EqualTo(challengerAccuracy).Within(1e-12), "the challenger's own quality joins the same labels");
        });
    }

    private static int ColumnOf(string model) => model switch { "good" => 0, "fair" => 1, _ => 2 };

    private static ShadowPrediction Classify(InferenceSession session, float[] row)
    {
        var input = new DenseTensor<float>(row, [1, row.Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
        var probabilities = results.First(r => r.Name == "probabilities").AsEnumerable<float>().ToArray();
        int best = 0;
        for (int k = 1; k < probabilities.Length; k++)
        {
            best = probabilities[k] > probabilities[best] ? k : best;
        }

        return new ShadowPrediction(best, probabilities[best]);
    }

    private static (float[][] Rows, int[] Labels, int[][] Predictions) ReadPredictions()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "wine_predictions.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return (lines.Select(f => f.Take(13).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray(),
            lines.Select(f => int.Parse(f[13], CultureInfo.InvariantCulture)).ToArray(),
            lines.Select(f => f.Skip(14).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray());
    }

    private static (long B, long C, double Exact, double Asymptotic) ReadReference(string pair)
    {
        var f = File.ReadAllLines(Path.Combine(Folder, "mcnemar_reference.csv")).Select(l => l.Split(',')).Single(f => f[0] == pair);
        return (long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture));
    }

    private sealed class CollectingSink : IMonitoringEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<MonitoringEvent> _events = new();

        public IEnumerable<string> Kinds => _events.Where(e => e.Severity != Severity.None).Select(e => e.Kind);

        public void Publish(MonitoringEvent monitoringEvent) => _events.Enqueue(monitoringEvent);
    }
}
