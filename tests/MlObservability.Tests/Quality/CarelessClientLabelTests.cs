using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>Issue 20, items 10 and 13: labels a careless client sends.</summary>
public sealed class CarelessClientLabelTests
{
    [Test]
    public void With_class_labels_configured_an_unknown_label_is_invalid_and_the_prediction_keeps_waiting_for_its_correct_label()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("careless-wine", "1", new QualityMonitorOptions
        {
            ClassLabels = ["class_0", "class_1", "class_2"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            TimeProvider = time,
        });
        monitor.RecordClassification("class_1", 0.9, "r1");
        monitor.RecordClassification(2, 0.8, "r2");

        Assert.Multiple(() =>
        {
            Assert.That(monitor.RecordGroundTruth("r1", "class_9"), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.RecordGroundTruth("r2", 7), Is.EqualTo(GroundTruthOutcome.Invalid), "index past the configured labels");
            Assert.That(monitor.RecordGroundTruth("r1", "class_1"), Is.EqualTo(GroundTruthOutcome.Joined), "the prediction was not consumed");
            Assert.That(monitor.RecordGroundTruth("r2", 2), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Invalid), Is.EqualTo(2));
        });

        var report = monitor.EvaluateNow().Classification;
        Assert.Multiple(() =>
        {
            Assert.That(report.Accuracy, Is.EqualTo(1.0));
            Assert.That(report.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void Without_class_labels_a_new_label_is_still_accepted()
    {
        using var monitor = new QualityMonitor("careless-open", "1", new QualityMonitorOptions { Sampling = new GroundTruthSamplingOptions { Rate = 1.0 } });
        monitor.RecordClassification("cat", 0.9, "r1");
        Assert.That(monitor.RecordGroundTruth("r1", "dog"), Is.EqualTo(GroundTruthOutcome.Joined));
    }

    [Test]
    public void A_whole_number_label_on_a_regression_model_is_its_true_value()
    {
        var time = new FakeTimeProvider();
        using var model = new ModelMonitor("careless-price", "1");
        model.AddComponent(new QualityMonitor("careless-price", "1", new QualityMonitorOptions { Sampling = new GroundTruthSamplingOptions { Rate = 1.0 }, TimeProvider = time }));
        model.RecordRegression(250.0, "house-1");
        model.RecordRegression(-10.0, "house-2");
        model.RecordRegression(100.0, "house-3");

        Assert.Multiple(() =>
        {
            Assert.That(model.RecordGroundTruth("house-1", 275), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(model.RecordGroundTruth("house-2", -12), Is.EqualTo(GroundTruthOutcome.Joined), "negative whole numbers are values too");
            Assert.That(model.RecordGroundTruth("house-3", 90.5), Is.EqualTo(GroundTruthOutcome.Joined));
        });

        var regression = model.Quality!.EvaluateNow().Regression;
        Assert.That(regression.Count, Is.EqualTo(3));
        Assert.That(regression.MeanAbsoluteError, Is.EqualTo((25.0 + 2.0 + 9.5) / 3).Within(1e-12));
    }
}
