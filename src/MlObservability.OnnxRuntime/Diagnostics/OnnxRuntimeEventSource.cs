using System.Diagnostics.Tracing;

namespace MlObservability.OnnxRuntime.Diagnostics;

/// <summary>
/// Self-diagnostics of the ONNX Runtime adapter: provider fallbacks, NVML absence, capture problems. Listen with
/// <c>dotnet-trace</c> or an <see cref="EventListener"/> on the source named <c>MlObservability-OnnxRuntime</c>.
/// </summary>
[EventSource(Name = "MlObservability-OnnxRuntime")]
internal sealed class OnnxRuntimeEventSource : EventSource
{
    public static readonly OnnxRuntimeEventSource Log = new();

    [Event(1, Level = EventLevel.Warning, Message = "Execution provider {0} was requested but is not usable ({1}); the session runs on {2}.")]
    public void ProviderFallback(string requested, string reason, string active) => WriteEvent(1, requested, reason, active);

    [Event(2, Level = EventLevel.Informational, Message = "Session of model {0} runs on {1}.")]
    public void ProviderSelected(string model, string provider) => WriteEvent(2, model, provider);

    [Event(3, Level = EventLevel.Informational, Message = "NVML is not available ({0}); GPU instruments are not published.")]
    public void NvmlUnavailable(string reason) => WriteEvent(3, reason);

    [Event(4, Level = EventLevel.Warning, Message = "NVML query {0} failed for device {1} with code {2}; the measurement is skipped.")]
    public void NvmlQueryFailed(string query, int device, int code) => WriteEvent(4, query, device, code);

    [Event(5, Level = EventLevel.Warning, Message = "Model {0}: {1} capture skipped: {2}. Further skips are only counted.")]
    public void CaptureSkipped(string model, string what, string reason) => WriteEvent(5, model, what, reason);

    [Event(6, Level = EventLevel.Warning, Message = "Model {0}: warm-up run failed: {1}")]
    public void WarmUpFailed(string model, string error) => WriteEvent(6, model, error);

    [Event(7, Level = EventLevel.Error, Message = "Model {0}: capture failed: {1}")]
    public void CaptureFailed(string model, string error) => WriteEvent(7, model, error);
}
