using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.ExecutionProviders;

/// <summary>
/// The outcome of <see cref="ExecutionProviderSelector.Select(ExecutionProviderRequest, Action{SessionOptions}?)"/>:
/// session options with the providers that could be added, and which one will actually run the model. Owns the
/// <see cref="SessionOptions"/>; dispose it once the session is created (or let <see cref="InstrumentedInferenceSession"/> do it).
/// </summary>
public sealed class ExecutionProviderSelection : IDisposable
{
    internal ExecutionProviderSelection(SessionOptions sessionOptions, ExecutionProviderRequest request, string activeProvider, string? fallbackReason)
    {
        SessionOptions = sessionOptions;
        Request = request;
        ActiveProvider = activeProvider;
        FallbackReason = fallbackReason;
    }

    /// <summary>The session options, with the selected providers appended in order of preference.</summary>
    public SessionOptions SessionOptions { get; }

    /// <summary>What was asked for.</summary>
    public ExecutionProviderRequest Request { get; }

    /// <summary>
    /// The provider that runs the model (tag <c>ml.onnx.provider</c>): <c>TensorrtExecutionProvider</c>,
    /// <c>CUDAExecutionProvider</c> or <c>CPUExecutionProvider</c>.
    /// </summary>
    public string ActiveProvider { get; }

    /// <summary>Why the requested provider is not the active one; <see langword="null"/> when it is.</summary>
    public string? FallbackReason { get; }

    /// <summary>Whether the session fell back from the requested provider.</summary>
    public bool IsFallback => FallbackReason is not null;

    /// <summary>Disposes the session options.</summary>
    public void Dispose() => SessionOptions.Dispose();
}
