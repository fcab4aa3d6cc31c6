using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>The quick start of docs/quality.md, kept compiling and true.</summary>
public sealed class QualityDocsSampleTests
{
    [Test]
    public void Quick_start_from_the_docs_runs()
    {
        var alertEngine = new RecordingEventSink();
        string requestId = "7f3c2a9e-1b4d-4c8e-9f00-123456789abc";

        var reviewQueue = new ChannelReviewSink(capacity: 10_000);
        using var quality = new QualityMonitor("sentiment", "2024-06-01", new QualityMonitorOptions
        {
            ClassLabels = ["negative", "neutral", "positive"],
            LowConfidenceThreshold = 0.7,
            Sampling = new GroundTruthSamplingOptions { Rate = 0.1, Strategy = SamplingStrategy.DeterministicByRequestId },
            Baseline = new QualityBaseline { Accuracy = 0.87, MacroF1 = 0.85 },
        }, eventSink: alertEngine, reviewSink: reviewQueue);

        quality.RecordClassification(predictedClass: 2, confidence: 0.91, requestId: requestId, segment: "electronics");
        GroundTruthOutcome outcome = quality.RecordGroundTruth(requestId, "positive");
        quality.Evaluate(DateTimeOffset.UtcNow);
        double realised = quality.RealizedAccuracy;
        double estimated = quality.EstimatedAccuracy;
        double lowShare = quality.LowConfidenceShare;
        quality.Sampler.Rate = 0.3;

        bool sampled = RequestIdHash.UnitInterval(requestId) < 0.1;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(sampled ? GroundTruthOutcome.Joined : GroundTruthOutcome.UnknownId));
            Assert.That(realised, sampled ? Is.EqualTo(1.0) : Is.NaN);
            Assert.That(estimated, Is.EqualTo(0.91).Within(1e-6));
            Assert.That(lowShare, Is.Zero);
            Assert.That(alertEngine.Drain().Select(e => e.Kind), Is.All.EqualTo("quality.decay"));
            Assert.That(quality.Sampler.Rate, Is.EqualTo(0.3));
        });
    }
}
