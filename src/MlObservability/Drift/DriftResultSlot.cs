namespace MlObservability.Drift;

/// <summary>The latest result of one test on one feature, read by the observable instruments; its tag array and event
/// labels are built once.</summary>
internal sealed class DriftResultSlot(DriftMethod method, DriftThresholds thresholds, KeyValuePair<string, object?>[] tags, IReadOnlyDictionary<string, string> labels)
{
    public DriftMethod Method { get; } = method;

    public DriftThresholds Thresholds { get; } = thresholds;

    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public bool HasValue { get; set; }

    public double Score { get; set; }

    public double PValue { get; set; } = double.NaN;

    public Severity Severity { get; set; }
}
