namespace MlObservability.Quality;

/// <summary>Tag keys of the quality instruments (besides <see cref="MlTelemetry.ModelNameTag"/> and <see cref="MlTelemetry.ModelVersionTag"/>).</summary>
public static class QualityTelemetry
{
    /// <summary>Tag key for the predicted class (or, on per-class quality gauges, the class).</summary>
    public const string ClassTag = "ml.prediction.class";

    /// <summary>Tag key for the segment.</summary>
    public const string SegmentTag = "ml.segment";

    /// <summary>Tag key for the averaging of a per-class metric (<c>macro</c>) on series that cover all classes.</summary>
    public const string AverageTag = "ml.metric.average";

    /// <summary>Tag key for a ground-truth label's outcome: <c>joined</c>, <c>unknown_id</c>, <c>expired</c>, <c>duplicate</c>, <c>invalid</c>.</summary>
    public const string LabelOutcomeTag = "ml.label.outcome";

    /// <summary>Tag key for why a pending prediction was dropped: <c>expired</c> or <c>capacity</c>.</summary>
    public const string EvictionReasonTag = "ml.eviction.reason";

    /// <summary>The <see cref="MonitoringEvent.Kind"/> of decay findings.</summary>
    public const string DecayEventKind = "quality.decay";
}
