using Microsoft.ML.OnnxRuntime;
using MlObservability.OnnxRuntime.ExecutionProviders;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>Provider selection with fallback: for real on the CPU build, and the GPU branches against a fake catalog.</summary>
public sealed class ExecutionProviderSelectorTests
{
    [Test]
    public void Asking_for_cuda_on_the_cpu_build_gives_a_working_cpu_session_tagged_cpu()
    {
        string name = "fallback-" + Guid.NewGuid().ToString("N")[..8];
        using var metrics = new MetricRecorder(name);
        var outputs = new RecordingOutputSink();
        using var session = InstrumentedInferenceSession.Create(
            TestModels.WinePath,
            new InstrumentedSessionOptions { ModelName = name, Outputs = new() { Sink = outputs } },
            ExecutionProviderRequest.Cuda(0));

        var row = TestModels.WineRows()[0];
        using var input = OrtValue.CreateTensorValueFromMemory(row.Features, [1, TestModels.WineFeatures]);
        using var results = session.Run(null, ["features"], [input], ["probabilities"]);
        metrics.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(session.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CpuProviderName));
            Assert.That(session.ProviderFallbackReason, Does.Contain("CUDAExecutionProvider"));
            Assert.That(outputs.Classifications.Single().Class, Is.EqualTo(row.Predicted));
            Assert.That(metrics.Of("ml.onnx.model.info").Single().Tags[SemanticConventions.OnnxProvider], Is.EqualTo("CPUExecutionProvider"));
        });
    }

    [Test]
    public void Asking_for_tensorrt_on_the_cpu_build_falls_back_to_cpu_with_both_reasons()
    {
        using var selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.TensorRT(1));
        Assert.Multiple(() =>
        {
            Assert.That(selection.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CpuProviderName));
            Assert.That(selection.IsFallback, Is.True);
            Assert.That(selection.FallbackReason, Does.Contain("TensorrtExecutionProvider").And.Contain("CUDAExecutionProvider"));
        });
    }

    [Test]
    public void Cpu_request_is_not_a_fallback()
    {
        using var selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.Cpu, o => o.IntraOpNumThreads = 1);
        Assert.Multiple(() =>
        {
            Assert.That(selection.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CpuProviderName));
            Assert.That(selection.IsFallback, Is.False);
        });
    }

    [Test]
    public void Cuda_that_is_compiled_in_and_starts_is_selected_on_the_requested_device()
    {
        var catalog = new FakeCatalog(["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"]);
        using var selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.Cuda(2), null, catalog);
        Assert.Multiple(() =>
        {
            Assert.That(selection.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CudaProviderName));
            Assert.That(catalog.Appended, Is.EqualTo(new[] { "CUDA:2" }));
            Assert.That(selection.IsFallback, Is.False);
        });
    }

    [Test]
    public void Tensorrt_that_cannot_start_falls_back_to_cuda()
    {
        var catalog = new FakeCatalog(["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"]) { TensorRTFails = true };
        using var selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.TensorRT(), null, catalog);
        Assert.Multiple(() =>
        {
            Assert.That(selection.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CudaProviderName));
            Assert.That(selection.FallbackReason, Does.Contain("libnvinfer"));
        });
    }

    [Test]
    public void Tensorrt_that_starts_keeps_cuda_behind_it()
    {
        var catalog = new FakeCatalog(["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"]);
        using var selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.TensorRT(), null, catalog);
        Assert.Multiple(() =>
        {
            Assert.That(selection.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.TensorRTProviderName));
            Assert.That(catalog.Appended, Is.EqualTo(new[] { "TensorRT:0", "CUDA:0" }));
        });
    }

    [Test]
    public void Cuda_compiled_in_but_without_a_driver_falls_back_to_cpu()
    {
        var catalog = new FakeCatalog(["CUDAExecutionProvider", "CPUExecutionProvider"]) { CudaFails = true };
        using var selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.Cuda(), null, catalog);
        Assert.Multiple(() =>
        {
            Assert.That(selection.ActiveProvider, Is.EqualTo(ExecutionProviderSelector.CpuProviderName));
            Assert.That(selection.FallbackReason, Does.Contain("libcudart"));
        });
    }

    [Test]
    public void Negative_device_id_is_a_configuration_error() =>
        Assert.That(() => ExecutionProviderSelector.Select(ExecutionProviderRequest.Cuda(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private sealed class FakeCatalog(string[] available) : IExecutionProviderCatalog
    {
        public bool CudaFails { get; init; }

        public bool TensorRTFails { get; init; }

        public List<string> Appended { get; } = [];

        public IReadOnlyCollection<string> AvailableProviders() => available;

        public void AppendCuda(SessionOptions options, int deviceId)
        {
            if (CudaFails)
            {
                throw new DllNotFoundException("libcudart.so.12: cannot open shared object file");
            }

            Appended.Add($"CUDA:{deviceId}");
        }

        public void AppendTensorRT(SessionOptions options, int deviceId)
        {
            if (TensorRTFails)
            {
                throw new DllNotFoundException("libnvinfer.so.10: cannot open shared object file");
            }

            Appended.Add($"TensorRT:{deviceId}");
        }
    }
}
