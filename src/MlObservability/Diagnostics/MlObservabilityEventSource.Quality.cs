using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of the quality module (event ids 200-299).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(200, Level = EventLevel.Warning, Message = "Quality review sink could not write to {0}: {1}")]
    public void ReviewSinkWriteFailed(string path, string error) => WriteEvent(200, path, error);

    [Event(201, Level = EventLevel.Warning, Message = "Quality monitor {0}: accuracy decay on {1} ({2}): {3:F4} against baseline {4:F4}")]
    public void QualityDecayDetected(string model, string metric, string segment, double value, double baseline) =>
        WriteEvent(201, model, metric, segment, value, baseline);

    [Event(202, Level = EventLevel.Warning, Message = "Quality monitor {0}: event sink failed: {1}")]
    public void QualityEventSinkFailed(string model, string error) => WriteEvent(202, model, error);

    [Event(203, Level = EventLevel.Informational, Message = "Quality monitor {0}: calibration for the label-free estimate fitted from {1} labelled predictions")]
    public void QualityCalibrationFitted(string model, int labels) => WriteEvent(203, model, labels);
}
