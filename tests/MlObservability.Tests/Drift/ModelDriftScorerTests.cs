using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The importance-weighted model drift score on the breast cancer scenario: the tail of mean radius drifts the
/// size features, so a model that relies on them scores high, one that relies on texture and smoothness scores low.</summary>
public sealed class ModelDriftScorerTests
{
    private static readonly string[] Features = ["mean_radius", "mean_texture", "mean_perimeter", "mean_area", "mean_smoothness", "mean_fractal_dimension"];

    private static DriftMonitor Serve(string file)
    {
        var profile = ReferenceProfile.FromCsv(DetectorTestData.PathOf("breast_cancer_reference.csv"), columns: Features);
        var (_, rows) = DetectorTestData.Csv(file, Features.Length);
        var monitor = DriftMonitor.Create("bc-score", "1", profile, new DriftMonitorOptions { WindowSize = rows.Count, EvaluateOnWindowCompletion = false });
        foreach (var row in rows)
        {
            monitor.RecordFeatures(row);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        return monitor;
    }

    [Test]
    public void The_score_is_the_importance_weighted_mean_and_names_the_contributors()
    {
        using var monitor = Serve("breast_cancer_shifted.csv");
        var sizeModel = new Dictionary<string, double> { ["mean_radius"] = 0.5, ["mean_area"] = 0.3, ["mean_texture"] = 0.2 };
        var textureModel = new Dictionary<string, double> { ["mean_texture"] = 0.2, ["mean_smoothness"] = 0.7, ["mean_fractal_dimension"] = 0.1 };
        var ks = monitor.LatestResults.Where(r => r.Method == DriftMethod.KolmogorovSmirnov).ToDictionary(r => r.Feature, r => r.Score);
        var sink = new CollectingEventSink();
        using var scorer = new ModelDriftScorer("bc-score", "1", () => monitor.LatestResults, sizeModel, sink: sink);
        scorer.Evaluate(DateTimeOffset.UnixEpoch);
        var e = sink.Events.Single();
        Assert.Multiple(() =>
        {
            Assert.That(scorer.Score, Is.EqualTo((0.5 * ks["mean_radius"]) + (0.3 * ks["mean_area"]) + (0.2 * ks["mean_texture"])).Within(1e-12));
            Assert.That(scorer.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(e.Kind, Is.EqualTo("drift.model"));
            Assert.That(e.Summary, Does.Contain("mean_radius"));
            Assert.That(ModelDriftScorer.Compute(monitor.LatestResults, textureModel, DriftMethod.KolmogorovSmirnov), Is.LessThan(0.15), "the features this model relies on barely moved");
            Assert.That(ModelDriftScorer.Compute(monitor.LatestResults, sizeModel, DriftMethod.Psi), Is.GreaterThan(0.25));
        });
    }

    [Test]
    public void Importances_must_be_finite_non_negative_and_not_all_zero()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ModelDriftScorer("m", "1", () => [], new Dictionary<string, double> { ["a"] = -1 }), Throws.ArgumentException.With.Message.Contains("'a'"));
            Assert.That(() => new ModelDriftScorer("m", "1", () => [], new Dictionary<string, double> { ["a"] = 0 }), Throws.ArgumentException.With.Message.Contains("positive"));
            Assert.That(() => new ModelDriftScorer("m", "1", () => [], new Dictionary<string, double> { ["a"] = double.NaN }), Throws.ArgumentException);
        });
    }
}
