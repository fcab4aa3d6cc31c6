namespace MlObservability.OnnxRuntime.ExecutionProviders;

/// <summary>An ONNX Runtime execution provider the adapter can request.</summary>
public enum ExecutionProviderKind
{
    /// <summary>The CPU provider, present in every build of ONNX Runtime.</summary>
    Cpu = 0,

    /// <summary>NVIDIA CUDA (needs the GPU build of ONNX Runtime, CUDA and cuDNN).</summary>
    Cuda = 1,

    /// <summary>NVIDIA TensorRT, with CUDA then CPU behind it for the nodes TensorRT does not take.</summary>
    TensorRT = 2,
}
