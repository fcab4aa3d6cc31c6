using System.Diagnostics.Tracing;

namespace MlObservability.Diagnostics;

/// <summary>Self-diagnostics of drift detection (event ids 100-199).</summary>
internal sealed partial class MlObservabilityEventSource
{
    [Event(100, Level = EventLevel.Informational, Message = "Drift monitor {0}: evaluated a window of {1} rows in {2} ms.")]
    public void DriftWindowEvaluated(string monitor, int rows, double milliseconds)
    {
        if (IsEnabled())
        {
            WriteEvent(100, monitor, rows, milliseconds);
        }
    }

    [Event(101, Level = EventLevel.Warning, Message = "Drift monitor {0}: feature '{1}' has an empty reference; it is counted but not tested.")]
    public void DriftEmptyReference(string monitor, string feature)
    {
        if (IsEnabled())
        {
            WriteEvent(101, monitor, feature);
        }
    }

    [Event(102, Level = EventLevel.Informational, Message = "Drift monitor {0}: feature '{1}' skipped: {2} valid values, {3} needed.")]
    public void DriftFeatureSkipped(string monitor, string feature, int values, int needed)
    {
        if (IsEnabled())
        {
            WriteEvent(102, monitor, feature, values, needed);
        }
    }

    [Event(103, Level = EventLevel.Informational, Message = "Drift monitor {0}: {1} severity of '{2}' changed from {3} to {4} (score {5}).")]
    public void DriftSeverityChanged(string monitor, string method, string feature, string from, string to, double score)
    {
        if (IsEnabled())
        {
            WriteEvent(103, monitor, method, feature, from, to, score);
        }
    }

    [Event(104, Level = EventLevel.Error, Message = "Drift monitor {0}: the event sink threw: {1}")]
    public void DriftSinkFailed(string monitor, string error)
    {
        if (IsEnabled())
        {
            WriteEvent(104, monitor, error);
        }
    }

    [Event(105, Level = EventLevel.Informational, Message = "Drift monitor {0}: {1} reference taken from the first {2} production predictions.")]
    public void DriftPredictionReferenceCaptured(string monitor, string output, int count)
    {
        if (IsEnabled())
        {
            WriteEvent(105, monitor, output, count);
        }
    }

    [Event(106, Level = EventLevel.Warning, Message = "Drift monitor of {0}: {3} feature rows had {1} values but the reference profile has {2} features; they are counted as wrong_length and not tested.")]
    public void DriftRowWidthMismatch(string model, int width, int profileWidth, long rows)
    {
        if (IsEnabled())
        {
            WriteEvent(106, model, width, profileWidth, rows);
        }
    }
}
