using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.ExecutionProviders;

/// <summary>The execution providers of the loaded ONNX Runtime build and how to add them; a seam for tests.</summary>
internal interface IExecutionProviderCatalog
{
    /// <summary>The providers compiled into the native library (<c>OrtGetAvailableProviders</c>).</summary>
    IReadOnlyCollection<string> AvailableProviders();

    void AppendCuda(SessionOptions options, int deviceId);

    void AppendTensorRT(SessionOptions options, int deviceId);
}

/// <summary>The catalog of the ONNX Runtime native library the process loaded (CPU or GPU build).</summary>
internal sealed class OrtExecutionProviderCatalog : IExecutionProviderCatalog
{
    public static readonly OrtExecutionProviderCatalog Instance = new();

    public IReadOnlyCollection<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    public void AppendCuda(SessionOptions options, int deviceId) => options.AppendExecutionProvider_CUDA(deviceId);

    public void AppendTensorRT(SessionOptions options, int deviceId) => options.AppendExecutionProvider_Tensorrt(deviceId);
}
