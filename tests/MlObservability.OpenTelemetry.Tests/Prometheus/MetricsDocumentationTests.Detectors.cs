using MlObservability.Drift;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Multivariate;
using MlObservability.Drift.Streaming;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>
/// The multivariate, embedding, streaming and model-score detectors are core types the host does not create (yet):
/// the test creates one of each through the core API, with small synthetic baselines, so the scrape of the real
/// exporter contains their instruments and their documented Prometheus names are checked like every other.
/// </summary>
public sealed partial class MetricsDocumentationTests
{
    private readonly List<IDisposable> _detectors = [];

    private void StartDetectors()
    {
        var random = new Random(7);
        double[] Row() => [random.NextDouble(), random.NextDouble(), random.NextDouble()];
        var reconstruction = new ReconstructionDriftDetector("docs-detectors", "1", ReconstructionDriftProfile.Fit(["a", "b", "c"], [.. Enumerable.Range(0, 40).Select(_ => Row())]));
        for (var i = 0; i < reconstruction.Profile.ChunkSize; i++)
        {
            reconstruction.Record(i == 0 ? [double.NaN, 0.5, 0.5] : Row());
        }

        reconstruction.Evaluate(DateTimeOffset.UtcNow);

        float[] Vector() => [.. Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble())];
        var embedding = new EmbeddingDriftDetector("docs-detectors", "1", EmbeddingDriftProfile.Fit(
            "text", [.. Enumerable.Range(0, 40).Select(_ => Vector())],
            new EmbeddingDriftOptions { ReferenceSampleSize = 10, WindowSize = 5, Permutations = 20, FalseAlarmRate = 0.05 }));
        for (var i = 0; i < 5; i++)
        {
            embedding.Record(Vector());
        }

        embedding.Evaluate(DateTimeOffset.UtcNow);

        var stream = new StreamingDriftMonitor("docs-detectors", "1", "latency", new CusumDetector(new SequentialDetectorOptions { Mean = 0, StandardDeviation = 1 }));
        stream.Record(0.5);
        stream.Evaluate(DateTimeOffset.UtcNow);

        var score = new ModelDriftScorer("docs-detectors", "1", () => [new FeatureDriftResult("a", DriftMethod.KolmogorovSmirnov, 0.2, 0.01, Severity.Warning, 0.15, 100, DateTimeOffset.UtcNow)], new Dictionary<string, double> { ["a"] = 1 });
        score.Evaluate(DateTimeOffset.UtcNow);
        _detectors.AddRange([reconstruction, embedding, stream, score]);

        // A real SLO tracker, so the error-budget forecast (ml.slo.error_budget.exhaustion) is in the scrape.
        var slo = new MlObservability.Slo.SloTracker("docs-detectors", [MlObservability.Slo.SloObjective.ErrorRate(0.01, "docs_forecast")], "1");
        slo.OnInference(new MlObservability.Inference.InferenceRecord(0.1, MlObservability.Inference.InferenceOutcome.Error, 1, "Timeout"));
        slo.Evaluate(DateTimeOffset.UtcNow.AddMinutes(1));
        _detectors.Add(slo);

        // Registry facts of a model version: ml.model.info, ml.model.age, ml.model.time_since_load.
        // Business outcomes: one joined to a prediction, one free-standing, one dropped (ml.outcome.value, .joins, .dropped).
        var outcomes = new MlObservability.Outcomes.OutcomeTracker("docs-detectors", "1", new MlObservability.Outcomes.OutcomeTrackerOptions { Names = ["user_feedback_score"] });
        outcomes.RecordClassification("class_1", 0.9, "docs-request");
        outcomes.Record("user_feedback_score", 4, "docs-request");
        outcomes.Record("user_feedback_score", 2);
        outcomes.Record("user_feedback_score", double.NaN);

        _detectors.Add(new MlObservability.Lineage.ModelLineageTracker("docs-detectors", "1", new MlObservability.Lineage.ModelLineage { TrainedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), DataSnapshot = "snap", GitSha = "abcdef1" }));

        // A challenger in shadow and a model router: ml.challenger.* and ml.router.*.
        _detectors.AddRange(MetricsDocumentationChallengers.Start());
    }

    /// <summary>A binary and a regression quality monitor with joined labels, so the fleet quality counters are in the scrape.</summary>
    private void StartFleetQuality()
    {
        var sampled = new MlObservability.Quality.GroundTruthSamplingOptions { Rate = 1.0 };
        var binary = new MlObservability.Quality.QualityMonitor("docs-fleet-quality", "1", new MlObservability.Quality.QualityMonitorOptions { ClassLabels = ["no", "yes"], Sampling = sampled });
        binary.RecordClassification(1, 0.9, "a");
        binary.RecordGroundTruth("a", "yes");
        binary.RecordClassification(0, 0.6, "b");
        binary.RecordGroundTruth("b", "yes");
        var regression = new MlObservability.Quality.QualityMonitor("docs-fleet-regression", "1", new MlObservability.Quality.QualityMonitorOptions { Sampling = sampled });
        regression.RecordRegression(10.5, "r");
        regression.RecordGroundTruth("r", 12.0);
        _detectors.AddRange([binary, regression]);
    }

    private void StopDetectors()
    {
        foreach (var d in _detectors)
        {
            d.Dispose();
        }
    }
}
