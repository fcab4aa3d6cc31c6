using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>Issue 20, item 18: predictions by label (IPredictionResult) get predicted-class drift when class labels are set.</summary>
public sealed class PredictedClassByLabelTests
{
    private static ReferenceProfile Profile()
    {
        var builder = new ReferenceProfileBuilder(["x"]);
        for (int i = 0; i < 100; i++)
        {
            builder.AddRow([i]);
        }

        return builder.Build();
    }

    [Test]
    public void Labels_become_predicted_classes_and_a_shift_between_them_is_detected()
    {
        using var drift = new DriftMonitor("label-drift", "1", Profile(), new DriftMonitorOptions
        {
            ClassLabels = ["class_0", "class_1", "class_2"],
            PredictionReferenceSize = 300,
            WindowSize = 300,
            EvaluateOnWindowCompletion = false,
        });

        for (int i = 0; i < 300; i++)
        {
            drift.RecordClassification("class_" + (i % 3), 0.9);      // the reference: balanced
        }

        for (int i = 0; i < 300; i++)
        {
            drift.RecordClassification(i % 10 == 0 ? "class_1" : "class_2", 0.9); // production: mostly class_2
        }

        drift.RecordClassification("class_9", 0.9);
        drift.Evaluate(DateTimeOffset.UtcNow);

        var chiSquare = drift.LatestResults.Single(r => r.Feature == ReferenceProfile.PredictedClassName && r.Method == DriftMethod.ChiSquare);
        Assert.Multiple(() =>
        {
            Assert.That(chiSquare.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(chiSquare.SampleSize, Is.EqualTo(300));
            Assert.That(drift.GetInvalidCount(ReferenceProfile.PredictedClassName, DataQualityReason.UnseenCategory), Is.EqualTo(1));
        });
    }

    [Test]
    public void Without_class_labels_only_the_score_is_tested()
    {
        using var drift = new DriftMonitor("label-drift-off", "1", Profile(), new DriftMonitorOptions { PredictionReferenceSize = 10, WindowSize = 10, EvaluateOnWindowCompletion = false });
        for (int i = 0; i < 20; i++)
        {
            drift.RecordClassification("class_" + (i % 3), 0.5 + (i % 5 / 10.0));
        }

        drift.Evaluate(DateTimeOffset.UtcNow);
        Assert.That(drift.LatestResults.Select(r => r.Feature), Has.None.EqualTo(ReferenceProfile.PredictedClassName));
    }
}
