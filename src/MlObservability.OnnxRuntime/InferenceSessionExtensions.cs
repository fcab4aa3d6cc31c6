using MlObservability.OnnxRuntime.ExecutionProviders;
using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime;

/// <summary>Instruments an existing <see cref="InferenceSession"/> with one call.</summary>
public static class InferenceSessionExtensions
{
    /// <summary>
    /// Wraps <paramref name="session"/> in an <see cref="InstrumentedInferenceSession"/>; run the model through the
    /// returned instance. The session stays the caller's to dispose.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="options">Names, capture and metric settings; defaults when <see langword="null"/>.</param>
    /// <param name="activeProvider">The provider the session runs on (for example <see cref="ExecutionProviderSelection.ActiveProvider"/>).</param>
    /// <returns>The instrumented session.</returns>
    public static InstrumentedInferenceSession Instrument(
        this InferenceSession session, InstrumentedSessionOptions? options = null, string? activeProvider = null) =>
        new(session, options, activeProvider);
}
