using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.Tests.Model;

/// <summary>The checked-in models run on ONNX Runtime's CPU provider and agree with what the build script computed.</summary>
public sealed class ReferenceModelTests
{
    [Test]
    public void Wine_model_outputs_match_the_script_reference()
    {
        var rows = TestModels.WineRows();
        using var session = new InferenceSession(TestModels.WinePath);
        using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["features"], [input], ["logits", "probabilities"]);
        var outputs = results.ToArray();
        var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var probabilities = outputs[1].GetTensorDataAsSpan<float>().ToArray();

        Assert.Multiple(() =>
        {
            for (int i = 0; i < rows.Length; i++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.That(logits[(i * 3) + c], Is.EqualTo(rows[i].Logits[c]).Within(1e-4), $"logit row {i} class {c}");
                    Assert.That(probabilities[(i * 3) + c], Is.EqualTo(rows[i].Probabilities[c]).Within(1e-5), $"probability row {i} class {c}");
                }

                Assert.That(rows[i].Predicted, Is.EqualTo(rows[i].Label), "the model classifies the reference rows correctly");
            }
        });
    }

    [Test]
    public void Wine_model_carries_the_metadata_the_adapter_reads()
    {
        using var session = new InferenceSession(TestModels.WinePath);
        var metadata = session.ModelMetadata;
        Assert.Multiple(() =>
        {
            Assert.That(metadata.ProducerName, Is.EqualTo("mlobservability-build_model.py"));
            Assert.That(metadata.GraphName, Is.EqualTo("wine_mlp"));
            Assert.That(metadata.Domain, Is.EqualTo("org.mlobservability.tests"));
            Assert.That(metadata.Version, Is.EqualTo(3));
            Assert.That(metadata.CustomMetadataMap["class_names"], Is.EqualTo("class_0,class_1,class_2"));
            Assert.That(metadata.CustomMetadataMap["feature_names"].Split(','), Has.Length.EqualTo(TestModels.WineFeatures));
            Assert.That(session.InputMetadata["features"].Dimensions, Is.EqualTo(new[] { -1, TestModels.WineFeatures }));
        });
    }
}
