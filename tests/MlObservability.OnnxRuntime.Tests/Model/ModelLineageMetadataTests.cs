using MlObservability.Lineage;

namespace MlObservability.OnnxRuntime.Tests.Model;

/// <summary>Registry facts in an ONNX file's custom metadata (lineage_identity.onnx, built by build_lineage_model.py)
/// reach the model's lineage instruments.</summary>
public sealed class ModelLineageMetadataTests
{
    private static string LineageModelPath => Path.Combine(TestModels.Directory, "lineage_identity.onnx");

    [Test]
    public void The_registry_facts_of_an_onnx_file_are_read_from_its_custom_metadata()
    {
        using var session = InstrumentedInferenceSession.Create(LineageModelPath, new InstrumentedSessionOptions { ModelName = "lineage-onnx", ModelVersion = "7" });
        var lineage = session.Model.ReadLineage();
        Assert.Multiple(() =>
        {
            Assert.That(lineage.TrainedAt, Is.EqualTo(new DateTimeOffset(2026, 9, 15, 6, 30, 0, TimeSpan.Zero)));
            Assert.That(lineage.DataSnapshot, Is.EqualTo("s3://ml-data/wine/2026-09-14"));
            Assert.That(lineage.GitSha, Is.EqualTo("3f9c2ab71d04e5b8c6a9f0e1d2c3b4a5f6e7d8c9"));
        });
    }

    [Test]
    public void Added_to_the_model_the_facts_drive_its_age()
    {
        using var session = InstrumentedInferenceSession.Create(LineageModelPath, new InstrumentedSessionOptions { ModelName = "lineage-onnx-age", ModelVersion = "7" });
        using var tracker = new ModelLineageTracker("lineage-onnx-age", "7", session.Model.ReadLineage(), new FixedClock(new DateTimeOffset(2026, 12, 14, 6, 30, 0, TimeSpan.Zero)));
        Assert.That(tracker.Age, Is.EqualTo(TimeSpan.FromDays(90)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
