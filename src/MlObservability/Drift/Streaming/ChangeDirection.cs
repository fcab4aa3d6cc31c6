namespace MlObservability.Drift.Streaming;

/// <summary>Which changes of the mean a Page-Hinkley or CUSUM detector looks for.</summary>
public enum ChangeDirection
{
    /// <summary>Increases and decreases (two one-sided statistics; the false-alarm budget is split between them).</summary>
    Both = 0,

    /// <summary>Increases only (for example latency, or an error rate).</summary>
    Increase = 1,

    /// <summary>Decreases only (for example confidence).</summary>
    Decrease = 2,
}
