namespace MlObservability.OnnxRuntime.ExecutionProviders;

/// <summary>The execution provider a session should run on, and the GPU it should use.</summary>
/// <param name="Kind">The provider to try first; the CPU provider is always the fallback.</param>
/// <param name="DeviceId">The GPU index for CUDA and TensorRT. Default 0.</param>
public sealed record ExecutionProviderRequest(ExecutionProviderKind Kind, int DeviceId = 0)
{
    /// <summary>Run on the CPU.</summary>
    public static ExecutionProviderRequest Cpu { get; } = new(ExecutionProviderKind.Cpu);

    /// <summary>Run on CUDA device <paramref name="deviceId"/>, falling back to the CPU.</summary>
    /// <param name="deviceId">The GPU index.</param>
    /// <returns>The request.</returns>
    public static ExecutionProviderRequest Cuda(int deviceId = 0) => new(ExecutionProviderKind.Cuda, deviceId);

    /// <summary>Run on TensorRT on device <paramref name="deviceId"/>, falling back to CUDA, then the CPU.</summary>
    /// <param name="deviceId">The GPU index.</param>
    /// <returns>The request.</returns>
    public static ExecutionProviderRequest TensorRT(int deviceId = 0) => new(ExecutionProviderKind.TensorRT, deviceId);
}
