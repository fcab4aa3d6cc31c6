using System.Diagnostics.Metrics;

namespace MlObservability.OpenTelemetry.Tests.Support;

/// <summary>
/// Stand-ins for the agreed instruments of modules built elsewhere (drift, quality, SLO, alerts, GPU), with the agreed
/// names, units, kinds and tags, on meters of the agreed names. They let the end-to-end tests check how the real
/// Prometheus exporter spells every agreed name, and that docs/metrics.md says the same.
/// </summary>
internal sealed class NamingContractInstruments : IDisposable
{
    private readonly Meter _core = new(MlTelemetry.MeterName);
    private readonly Meter _onnx = new(MlMonitoringTelemetry.OnnxRuntimeSourceName);

    public NamingContractInstruments(string model, string version)
    {
        KeyValuePair<string, object?>[] modelTags = [new("ml.model.name", model), new("ml.model.version", version)];
        KeyValuePair<string, object?>[] featureTags = [.. modelTags, new("ml.feature.name", "amount"), new("ml.drift.method", "psi")];
        Gauge(_core, "ml.drift.score", "{score}", 0.27, featureTags);
        Gauge(_core, "ml.drift.p_value", "{p-value}", 0.003, featureTags);
        Gauge(_core, "ml.drift.severity", "{severity}", 3, featureTags);
        Gauge(_core, "ml.model.accuracy", "1", 0.91, modelTags);
        Gauge(_core, "ml.model.accuracy.estimated", "1", 0.89, modelTags);
        Counter(_core, "ml.predictions", "{prediction}", 40, [.. modelTags, new("ml.prediction.class", "fraud")]);
        Counter(_core, "ml.predictions.low_confidence", "{prediction}", 4, modelTags);
        Gauge(_core, "ml.prediction.confidence.quantile", "{confidence}", 0.62, [.. modelTags, new("ml.quantile", "0.5")]);
        Gauge(_core, "ml.slo.compliance", "1", 0.998, [.. modelTags, new("ml.slo.name", "latency-p99")]);
        Gauge(_core, "ml.slo.error_budget.remaining", "1", 0.4, [.. modelTags, new("ml.slo.name", "latency-p99")]);
        Gauge(_core, "ml.slo.burn_rate", "1", 14.4, [.. modelTags, new("ml.slo.name", "latency-p99"), new("ml.slo.window", "1h")]);
        Gauge(_core, "ml.alerts.firing", "{alert}", 1, [new("alertname", "MlDriftCritical"), new("severity", "critical")]);
        Counter(_core, "ml.alerts.notifications", "{notification}", 2, [new("outcome", "sent")]);
        Counter(_core, "ml.data.invalid", "{value}", 3, [.. modelTags, new("ml.feature.name", "amount"), new("reason", "missing")]);
        Counter(_core, "ml.drift.rows", "{row}", 1000, [.. modelTags, new("outcome", "evaluated")]);
        Counter(_core, "ml.drift.evaluations.deferred", "{evaluation}", 2, modelTags);
        Counter(_core, "ml.feature.bin", "{value}", 120, [.. modelTags, new("ml.feature.name", "amount"), new("le", "+Inf")]);
        Gauge(_core, "ml.feature.reference.fraction", "1", 1, [.. modelTags, new("ml.feature.name", "amount"), new("le", "+Inf")]);
        Gauge(_core, "ml.feature.reference.rows", "{row}", 5000, [.. modelTags, new("ml.feature.name", "amount"), new("ml.feature.kind", "numeric")]);
        Gauge(_core, "ml.prediction.value.quantile", "{value}", 12.5, [.. modelTags, new("ml.quantile", "0.5")]);
        Counter(_core, "ml.predictions.regression", "{prediction}", 7, modelTags);
        Counter(_core, "ml.predictions.invalid", "{prediction}", 1, modelTags);
        Counter(_core, "ml.predictions.sampled", "{prediction}", 4, modelTags);
        Gauge(_core, "ml.predictions.low_confidence.share", "1", 0.1, modelTags);
        Counter(_core, "ml.quality.labels", "{label}", 4, [.. modelTags, new("ml.label.outcome", "joined")]);
        Gauge(_core, "ml.quality.pending", "{prediction}", 2, modelTags);
        Counter(_core, "ml.quality.pending.evicted", "{prediction}", 1, [.. modelTags, new("ml.eviction.reason", "expired")]);
        Counter(_core, "ml.quality.review.dropped", "{prediction}", 0, modelTags);
        Gauge(_core, "ml.quality.labelled", "{label}", 4, modelTags);
        foreach (string metric in new[] { "precision", "recall", "f1" })
        {
            Gauge(_core, "ml.model." + metric, "1", 0.8, [.. modelTags, new("ml.prediction.class", "fraud")]);
        }

        Gauge(_core, "ml.model.roc_auc", "1", 0.93, modelTags);
        Gauge(_core, "ml.model.log_loss", "{nat}", 0.3, modelTags);
        Gauge(_core, "ml.model.brier_score", "1", 0.08, modelTags);
        Gauge(_core, "ml.model.calibration_error", "1", 0.03, modelTags);
        Gauge(_core, "ml.model.mae", "{value}", 2.5, modelTags);
        Gauge(_core, "ml.model.rmse", "{value}", 3.1, modelTags);
        Gauge(_core, "ml.model.mape", "1", 0.12, modelTags);
        KeyValuePair<string, object?>[] gpuTags = [new("ml.gpu.device", "0"), new("ml.gpu.name", "Test GPU")];
        Gauge(_onnx, "ml.gpu.utilization", "1", 0.55, gpuTags);
        Gauge(_onnx, "ml.gpu.memory.used", "By", 2_147_483_648, gpuTags);
        Gauge(_onnx, "ml.gpu.memory.total", "By", 17_179_869_184, gpuTags);
        Gauge(_onnx, "ml.gpu.temperature", "Cel", 61, gpuTags);
        Gauge(_onnx, "ml.gpu.power", "W", 180.5, gpuTags);
        KeyValuePair<string, object?>[] sessionTags = [.. modelTags, new("ml.onnx.provider", "CUDAExecutionProvider")];
        Gauge(_onnx, "ml.onnx.model.info", "{model}", 1, sessionTags);
        Gauge(_onnx, "ml.onnx.session.creation.duration", "s", 0.21, sessionTags);
        Gauge(_onnx, "ml.onnx.session.warmup.duration", "s", 0.04, sessionTags);
        Counter(_onnx, "ml.onnx.capture.rows", "{row}", 64, modelTags);
        Counter(_onnx, "ml.onnx.capture.skipped", "{run}", 0, modelTags);
    }

    public void Dispose()
    {
        _core.Dispose();
        _onnx.Dispose();
    }

    private static void Gauge(Meter meter, string name, string unit, double value, KeyValuePair<string, object?>[] tags) =>
        meter.CreateObservableGauge(name, () => new Measurement<double>(value, tags), unit, $"Stand-in for {name}.");

    private static void Counter(Meter meter, string name, string unit, long value, KeyValuePair<string, object?>[] tags) =>
        meter.CreateObservableCounter(name, () => new Measurement<long>(value, tags), unit, $"Stand-in for {name}.");
}
