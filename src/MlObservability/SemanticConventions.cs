namespace MlObservability;

/// <summary>
/// Every tag (attribute) key MlObservability sets on its instruments and spans, in one place, as OpenTelemetry's
/// <c>SemanticConventions</c>. Keys are dotted lowercase; the Prometheus exporter turns dots into underscores
/// (<c>ml.model.name</c> becomes <c>ml_model_name</c>).
/// </summary>
public static class SemanticConventions
{
    /// <summary>The model name.</summary>
    public const string ModelName = "ml.model.name";

    /// <summary>The model version.</summary>
    public const string ModelVersion = "ml.model.version";

    /// <summary>The serving endpoint or operation.</summary>
    public const string Endpoint = "ml.endpoint";

    /// <summary>A feature name.</summary>
    public const string FeatureName = "ml.feature.name";

    /// <summary>The outcome of a call: <c>success</c>, <c>error</c> or <c>cancelled</c>.</summary>
    public const string Outcome = "ml.outcome";

    /// <summary>The type of an error (the exception type name, or an error code).</summary>
    public const string ErrorType = "error.type";

    /// <summary>
    /// The quantile (<c>0.5</c>, <c>0.99</c>, ...) on quantile gauges such as <c>ml.inference.duration.quantile</c>.
    /// Not <c>quantile</c>: Prometheus reserves that label for summaries.
    /// </summary>
    public const string Quantile = "ml.quantile";

    /// <summary>Items in a call (rows of a batch), on spans.</summary>
    public const string BatchSize = "ml.batch.size";

    /// <summary>The predicted class (index or label), on spans and on per-class quality gauges.</summary>
    public const string PredictedClass = "ml.prediction.class";

    /// <summary>The confidence of a prediction, on spans.</summary>
    public const string Confidence = "ml.prediction.confidence";

    /// <summary>The drift test or distance (<c>ks</c>, <c>psi</c>, ...).</summary>
    public const string DriftMethod = "ml.drift.method";

    /// <summary>A segment of the traffic that quality is measured on.</summary>
    public const string Segment = "ml.segment";

    /// <summary>How a per-class quality metric is averaged (<c>macro</c>, <c>weighted</c>).</summary>
    public const string MetricAverage = "ml.metric.average";

    /// <summary>What happened to a ground-truth label (joined, unknown id, ...).</summary>
    public const string LabelOutcome = "ml.label.outcome";

    /// <summary>Why a pending prediction left the store without a label.</summary>
    public const string EvictionReason = "ml.eviction.reason";

    /// <summary>The objective name of an SLO.</summary>
    public const string SloName = "ml.slo.name";

    /// <summary>A burn-rate window (<c>5m</c>, <c>1h</c>, ...).</summary>
    public const string SloWindow = "ml.slo.window";

    /// <summary>The severity of an alert.</summary>
    public const string AlertSeverity = "ml.alert.severity";

    /// <summary>The notifier that delivered (or failed to deliver) an alert.</summary>
    public const string AlertNotifier = "ml.alert.notifier";

    /// <summary>The ONNX Runtime execution provider a session runs on.</summary>
    public const string OnnxProvider = "ml.onnx.provider";

    /// <summary>What an ONNX Runtime capture counter counts: <c>features</c> or <c>outputs</c>.</summary>
    public const string OnnxCapture = "ml.onnx.capture";

    /// <summary>The index of a GPU.</summary>
    public const string GpuDevice = "ml.gpu.device";

    /// <summary>The name of a GPU.</summary>
    public const string GpuName = "ml.gpu.name";

    /// <summary>The value reported in place of a tag value once a cardinality limit is reached.</summary>
    public const string OverflowValue = "other";
}
