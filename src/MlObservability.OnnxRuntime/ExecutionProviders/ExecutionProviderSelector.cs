using Microsoft.ML.OnnxRuntime;
using MlObservability.OnnxRuntime.Diagnostics;
using MlObservability.OnnxRuntime.ExecutionProviders;

namespace MlObservability.OnnxRuntime.ExecutionProviders;

/// <summary>
/// Builds <see cref="SessionOptions"/> for the execution provider an application asks for, falling back (TensorRT, then
/// CUDA, then CPU) when the loaded ONNX Runtime build or the machine cannot provide it, and says which provider is
/// active. Works with the CPU package (every GPU request falls back, with a reason) and with
/// <c>Microsoft.ML.OnnxRuntime.Gpu</c>. A fallback is reported once on the <c>MlObservability-OnnxRuntime</c> event source.
/// </summary>
public static class ExecutionProviderSelector
{
    /// <summary>The name ONNX Runtime gives its CPU provider.</summary>
    public const string CpuProviderName = "CPUExecutionProvider";

    /// <summary>The name ONNX Runtime gives its CUDA provider.</summary>
    public const string CudaProviderName = "CUDAExecutionProvider";

    /// <summary>The name ONNX Runtime gives its TensorRT provider.</summary>
    public const string TensorRTProviderName = "TensorrtExecutionProvider";

    /// <summary>Creates session options for <paramref name="request"/>, falling back to what is available.</summary>
    /// <param name="request">The provider and device wanted.</param>
    /// <param name="configure">Further session settings (threads, graph optimisation, ...), applied before providers are added.</param>
    /// <returns>The options and the provider that will run the model. Dispose it after creating the session.</returns>
    public static ExecutionProviderSelection Select(ExecutionProviderRequest request, Action<SessionOptions>? configure = null) =>
        Select(request, configure, OrtExecutionProviderCatalog.Instance);

    internal static ExecutionProviderSelection Select(
        ExecutionProviderRequest request, Action<SessionOptions>? configure, IExecutionProviderCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "ExecutionProviderRequest.Kind is not a known provider.");
        }

        if (request.DeviceId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.DeviceId, "ExecutionProviderRequest.DeviceId must be 0 or more.");
        }

        var options = new SessionOptions();
        try
        {
            configure?.Invoke(options);
            return Choose(request, options, catalog);
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static ExecutionProviderSelection Choose(ExecutionProviderRequest request, SessionOptions options, IExecutionProviderCatalog catalog)
    {
        if (request.Kind == ExecutionProviderKind.Cpu)
        {
            return new ExecutionProviderSelection(options, request, CpuProviderName, null);
        }

        var available = catalog.AvailableProviders();
        string? reason = null;
        if (request.Kind == ExecutionProviderKind.TensorRT)
        {
            if (TryAppend(TensorRTProviderName, available, () => catalog.AppendTensorRT(options, request.DeviceId), out reason))
            {
                // TensorRT leaves the nodes it cannot compile to the providers behind it: CUDA first when present.
                TryAppend(CudaProviderName, available, () => catalog.AppendCuda(options, request.DeviceId), out _);
                return new ExecutionProviderSelection(options, request, TensorRTProviderName, null);
            }

            OnnxRuntimeEventSource.Log.ProviderFallback(TensorRTProviderName, reason!, CudaProviderName + " or " + CpuProviderName);
        }

        string requested = request.Kind == ExecutionProviderKind.TensorRT ? TensorRTProviderName : CudaProviderName;
        if (TryAppend(CudaProviderName, available, () => catalog.AppendCuda(options, request.DeviceId), out string? cudaReason))
        {
            return new ExecutionProviderSelection(options, request, CudaProviderName, reason);
        }

        reason = reason is null ? cudaReason : reason + "; " + cudaReason;
        OnnxRuntimeEventSource.Log.ProviderFallback(requested, reason!, CpuProviderName);
        return new ExecutionProviderSelection(options, request, CpuProviderName, reason);
    }

    private static bool TryAppend(string provider, IReadOnlyCollection<string> available, Action append, out string? reason)
    {
        if (!available.Contains(provider))
        {
            reason = $"{provider} is not in this ONNX Runtime build (available: {string.Join(", ", available)}); reference Microsoft.ML.OnnxRuntime.Gpu";
            return false;
        }

        try
        {
            append();
            reason = null;
            return true;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or BadImageFormatException)
        {
            // The provider is compiled in but cannot start here (no driver, no CUDA/cuDNN/TensorRT libraries, no device).
            reason = $"{provider} could not be added: {ex.Message}";
            return false;
        }
    }
}
