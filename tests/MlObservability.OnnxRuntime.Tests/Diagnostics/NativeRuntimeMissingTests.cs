using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime.Tests.Diagnostics;

/// <summary>A missing native onnxruntime library is named as the package to add, not a bare DllNotFoundException.</summary>
public sealed class NativeRuntimeMissingTests
{
    [Test]
    public void Session_creation_without_the_native_library_names_the_package()
    {
        // What ONNX Runtime's managed API throws when libonnxruntime is not next to the application.
        var missing = new TypeInitializationException(
            "Microsoft.ML.OnnxRuntime.NativeMethods",
            new DllNotFoundException("Unable to load shared library 'onnxruntime' or one of its dependencies."));

        var error = Assert.Throws<InvalidOperationException>(() =>
            InstrumentedInferenceSession.Create(_ => throw missing, "fraud", null, null, null));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("Microsoft.ML.OnnxRuntime").And.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
            Assert.That(error.InnerException, Is.SameAs(missing));
        });
    }

    [Test]
    public void Other_load_failures_are_not_rewritten()
    {
        var other = new DllNotFoundException("Unable to load shared library 'cudnn64_9'.");

        var error = Assert.Throws<DllNotFoundException>(() =>
            InstrumentedInferenceSession.Create(_ => throw other, "fraud", null, null, null));

        Assert.That(error, Is.SameAs(other));
    }

    [Test]
    public void Feature_names_come_from_the_model_when_features_are_not_captured()
    {
        using var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions { ModelName = "names-" + Guid.NewGuid().ToString("N")[..8] });
        string csv = Path.Combine(TestModels.Directory, "wine_rows.csv");

        var profile = Drift.ReferenceProfile.FromCsv(csv, columns: session.FeatureNames);

        Assert.Multiple(() =>
        {
            Assert.That(session.FeatureNames, Has.Count.EqualTo(TestModels.WineFeatures).And.Contains("proline"));
            Assert.That(profile.Features.Select(f => f.Name), Is.EqualTo(session.FeatureNames));
        });
    }
}
