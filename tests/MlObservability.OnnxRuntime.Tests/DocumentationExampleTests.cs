using MlObservability.OnnxRuntime.ExecutionProviders;
using Microsoft.ML.OnnxRuntime;
using MlObservability.OnnxRuntime.Gpu;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>The quick start of docs/onnxruntime.md, compiled and run, so the documentation stays true.</summary>
public sealed class DocumentationExampleTests
{
    [Test]
    public void Quick_start_runs_as_documented()
    {
        IModelInputSink driftMonitor = new RecordingInputSink();
        IModelOutputSink qualityTracker = new RecordingOutputSink();
        string modelPath = TestModels.WinePath;

        // --- docs/onnxruntime.md: quick start ---
        using var session = InstrumentedInferenceSession.Create(
            modelPath,
            new InstrumentedSessionOptions
            {
                ModelName = "wine",                                   // default: the graph name
                Features = new FeatureCaptureOptions { Sink = driftMonitor },
                Outputs = new OutputCaptureOptions { Sink = qualityTracker, OutputName = "probabilities" },
                CaptureEveryNthRow = 1,
            },
            ExecutionProviderRequest.Cuda(deviceId: 0));              // falls back to CPU where CUDA is missing

        using var gpu = GpuMetrics.Start();                           // publishes nothing where there is no NVIDIA driver

        float[] batch = new float[2 * 13];                            // two rows of 13 features
        using var input = OrtValue.CreateTensorValueFromMemory(batch, [2, 13]);
        using var results = session.Run(null, ["features"], [input], ["probabilities"]);
        ReadOnlySpan<float> probabilities = results[0].GetTensorDataAsSpan<float>();
        // --- end ---
        int width = probabilities.Length;

        Assert.Multiple(() =>
        {
            Assert.That(width, Is.EqualTo(6));
            Assert.That(session.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CpuProviderName));
            Assert.That(((RecordingInputSink)driftMonitor).Rows, Has.Count.EqualTo(2));
            Assert.That(((RecordingOutputSink)qualityTracker).Classifications, Has.Count.EqualTo(2));
        });
    }
}
