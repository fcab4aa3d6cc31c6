using MlObservability.Inference;

namespace MlObservability.OnnxRuntime;

/// <summary>Settings of an <see cref="InstrumentedInferenceSession"/>. Everything is optional.</summary>
public sealed record InstrumentedSessionOptions
{
    /// <summary>The model name (tag <c>ml.model.name</c>). Default: the graph name in the model, else the file name.</summary>
    public string? ModelName { get; init; }

    /// <summary>The model version (tag <c>ml.model.version</c>). Default: the version number in the model's metadata.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The serving endpoint (tag <c>ml.endpoint</c>). Default empty.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Latency window and cardinality settings of the RED metrics. Default: <see cref="InferenceMetricsOptions"/> defaults.</summary>
    public InferenceMetricsOptions? Metrics { get; init; }

    /// <summary>
    /// Record into these RED metrics instead of creating the session's own, for example a host's model
    /// (<c>registry.GetModel("fraud").Inference</c>) so its SLO tracker and alert rules see the runs. The session does not
    /// dispose them; <see cref="ModelName"/>, <see cref="ModelVersion"/> and <see cref="Endpoint"/> are then taken from them.
    /// </summary>
    public InferenceMetrics? SharedMetrics { get; init; }

    /// <summary>Feature capture into the drift monitor; off when <see langword="null"/>.</summary>
    public FeatureCaptureOptions? Features { get; init; }

    /// <summary>Prediction capture into the quality module; off when <see langword="null"/>.</summary>
    public OutputCaptureOptions? Outputs { get; init; }

    /// <summary>
    /// Capture one row in every <c>N</c> (counted across runs, the same rows for features and outputs). Default 1: every
    /// row. Raise it for large batches when the monitors need a sample, not every row.
    /// </summary>
    public int CaptureEveryNthRow { get; init; } = 1;

    /// <summary>
    /// Runs made on zero-filled inputs (dynamic dimensions set to 1) right after the session is created by
    /// <c>InstrumentedInferenceSession.Create</c>,
    /// so the first request does not pay for lazy initialisation. Their total time is published as
    /// <c>ml.onnx.session.warmup.duration</c>. Default 1; 0 turns warm-up off.
    /// </summary>
    public int WarmUpRuns { get; init; } = 1;

    /// <summary>Custom metadata entries copied as tags onto <c>ml.onnx.model.info</c> (<c>ml.onnx.metadata.KEY</c>). Default 16; values are cut at 256 characters.</summary>
    public int MaxMetadataTags { get; init; } = 16;
}
