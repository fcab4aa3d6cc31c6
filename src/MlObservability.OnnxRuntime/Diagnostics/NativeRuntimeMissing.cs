using System.Runtime.InteropServices;

namespace MlObservability.OnnxRuntime.Diagnostics;

/// <summary>
/// Turns ONNX Runtime's "native library not found" (a <see cref="DllNotFoundException"/> for <c>onnxruntime</c>, often
/// inside a <see cref="TypeInitializationException"/>) into an error that names the package to add.
/// </summary>
internal static class NativeRuntimeMissing
{
    /// <summary>The package that brings the CPU build of the native library (a dependency of this adapter).</summary>
    public const string CpuPackage = "Microsoft.ML.OnnxRuntime";

    /// <summary>The package that brings the CUDA/TensorRT build.</summary>
    public const string GpuPackage = "Microsoft.ML.OnnxRuntime.Gpu";

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the native onnxruntime library is missing.</summary>
    public static bool Matches(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException && e.Message.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The error to throw instead, with <paramref name="exception"/> as its inner exception.</summary>
    public static InvalidOperationException Explain(Exception exception) => new(
        $"ONNX Runtime's native library (onnxruntime) could not be loaded on {RuntimeInformation.RuntimeIdentifier}. "
        + $"MlObservability.OnnxRuntime brings the CPU build through the package {CpuPackage}; if the application excludes "
        + $"its native assets, reference {CpuPackage} (CPU) or {GpuPackage} (CUDA/TensorRT) directly, and check that the "
        + $"published output holds runtimes/{RuntimeInformation.RuntimeIdentifier}/native (or the library next to the "
        + "application for a self-contained publish).",
        exception);
}
