using MlObservability.Instrumentation;
using MlObservability.Quality;

namespace MlObservability.Generators.Tests.Runtime;

/// <summary>A result with every class's probability, as an [Instrumented] method returns it.</summary>
public sealed record VectorResult(string PredictedLabel, double[] Scores) : IProbabilityPredictionResult
{
    public double Confidence => double.NaN; // not read when the vector is there

    public ReadOnlySpan<double> Probabilities => Scores;
}

[Instrumented("runtime-vectors", ModelVersion = "1", Endpoint = "classify")]
public interface IVectorService
{
    VectorResult Classify([RequestId] string requestId, [FeatureVector] double[] features);
}

public sealed class VectorService : IVectorService
{
    public VectorResult Classify(string requestId, double[] features) =>
        features[0] > 0 ? new("b", [0.2, 0.7, 0.1]) : new("c", [0.3, 0.3, 0.4]);
}

/// <summary>Issue #20, item 12: the decorator passes an <see cref="IProbabilityPredictionResult"/>'s vector to the quality monitor.</summary>
public sealed class ProbabilityResultTests
{
    [Test]
    public void The_generated_decorator_records_the_probability_vector_so_quality_reports_multiclass_log_loss()
    {
        using var quality = new QualityMonitor("runtime-vectors", "1", new QualityMonitorOptions
        {
            ClassLabels = ["a", "b", "c"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        });
        using (ModelSinks.Register("runtime-vectors", null, quality))
        {
            IVectorService service = new InstrumentedVectorService(new VectorService());
            service.Classify("v1", [1.0]);
            service.Classify("v2", [-1.0]);
        }

        quality.RecordGroundTruth("v1", "b");
        quality.RecordGroundTruth("v2", "a");
        var report = quality.EvaluateNow().Classification;
        Assert.Multiple(() =>
        {
            Assert.That(quality.PredictionCountOf("b"), Is.EqualTo(1));
            Assert.That(quality.LowConfidenceCount, Is.EqualTo(1), "0.4 is the confidence of c: read from the vector, not the NaN Confidence");
            Assert.That(report.LogLoss, Is.EqualTo(-(Math.Log(0.7) + Math.Log(0.3)) / 2).Within(1e-12));
            Assert.That(report.BrierScore, Is.EqualTo(((0.04 + 0.09 + 0.01) + (0.49 + 0.09 + 0.16)) / 2).Within(1e-12));
        });
    }
}
