using MlObservability.OnnxRuntime.ExecutionProviders;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MlObservability.Diagnostics;
using MlObservability.Inference;
using MlObservability.Instrumentation;
using MlObservability.OnnxRuntime.Capture;
using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime;

/// <summary>
/// An ONNX Runtime <see cref="InferenceSession"/> that reports what MlObservability measures, with one call:
/// RED metrics per run (<c>ml.inference.*</c>, batch size from the leading dimension, errors by ONNX Runtime error code),
/// a span per run, session creation and warm-up time, the model's metadata as <c>ml.onnx.model.info</c>, feature rows
/// into the drift monitor and predictions into the quality module, read as spans over the tensor memory.
/// </summary>
/// <remarks>
/// Runs are thread-safe, as <see cref="InferenceSession"/> runs are. The instrumentation adds no allocation to a run
/// (beyond what ONNX Runtime itself allocates) when no span listener is attached, and never throws: capture problems are
/// counted (<c>ml.onnx.capture.skipped</c>) and reported once on the <c>MlObservability-OnnxRuntime</c> event source.
/// Exceptions from ONNX Runtime are recorded and rethrown unchanged.
/// </remarks>
public sealed partial class InstrumentedInferenceSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _ownsSession;
    private readonly ExecutionProviderSelection? _selection;
    private readonly RunOptions _defaultRunOptions = new();
    private readonly InferenceMetrics _metrics;
    private readonly InstrumentedEndpoint _endpoint;
    private readonly bool _ownsMetrics;
    private readonly FeatureCapture? _features;
    private readonly IReadOnlyList<string> _inputFeatureNames;
    private readonly OutputCapture? _outputs;
    private readonly RowSampler _sampler;
    private readonly TensorLayout _primaryInput;
    private readonly bool _checkDeviceMemory;
    private readonly string _primaryInputName;
    private readonly string? _capturedOutputName;
    private long _outputSkips;
    private int _outputSkipReported;
    private long _warmUpTicks = -1;
    private int _disposed;

    /// <summary>
    /// Instruments an existing session. The session stays the caller's to dispose unless <paramref name="ownsSession"/>
    /// is set. Prefer <see cref="Create(string, InstrumentedSessionOptions?, ExecutionProviderRequest?, Action{SessionOptions}?)"/>,
    /// which also measures creation and warm-up time and selects the execution provider.
    /// </summary>
    /// <param name="session">The session to instrument.</param>
    /// <param name="options">Names, capture and metric settings; defaults when <see langword="null"/>.</param>
    /// <param name="activeProvider">
    /// The execution provider the session runs on (tag <c>ml.onnx.provider</c>). When <see langword="null"/>:
    /// <c>CPUExecutionProvider</c> if that is the only provider of the loaded ONNX Runtime build, else <c>unknown</c>.
    /// </param>
    /// <param name="ownsSession">Dispose <paramref name="session"/> with this instance.</param>
    /// <exception cref="ArgumentException">The options do not fit the model (unknown input or output, wrong element type, name count).</exception>
    public InstrumentedInferenceSession(
        InferenceSession session, InstrumentedSessionOptions? options = null, string? activeProvider = null, bool ownsSession = false)
        : this(session, options ?? new InstrumentedSessionOptions(), activeProvider ?? GuessProvider(), null, null, ownsSession, null)
    {
    }

    private InstrumentedInferenceSession(
        InferenceSession session,
        InstrumentedSessionOptions options,
        string activeProvider,
        ExecutionProviderSelection? selection,
        TimeSpan? creationTime,
        bool ownsSession,
        string? fileName)
    {
        ArgumentNullException.ThrowIfNull(session);
        Validate(options);
        _session = session;
        _selection = selection;
        ActiveProvider = activeProvider;
        CreationTime = creationTime;
        Model = ModelDescription.Of(session);
        ModelName = options.SharedMetrics?.ModelName
            ?? (!string.IsNullOrWhiteSpace(options.ModelName) ? options.ModelName
            : !string.IsNullOrWhiteSpace(Model.GraphName) ? Model.GraphName
            : fileName ?? "onnx-model");
        ModelVersion = options.SharedMetrics?.ModelVersion ?? options.ModelVersion ?? Model.Version.ToString(CultureInfo.InvariantCulture);

        var inputs = TensorLayout.Of(session.InputNames, session.InputMetadata);
        var outputs = TensorLayout.Of(session.OutputNames, session.OutputMetadata);
        if (inputs.Length == 0)
        {
            throw new ArgumentException("The model has no inputs.", nameof(session));
        }

        if (options.Features is not null)
        {
            _features = new FeatureCapture(options.Features, inputs, Model, ModelName);
        }

        if (options.Outputs is not null)
        {
            _outputs = new OutputCapture(options.Outputs, outputs, Model, ModelName);
            _capturedOutputName = _outputs.Layout.Name;
        }

        _inputFeatureNames = _features is null
            ? FeatureCapture.NamesOf(inputs, Model, FeatureCapture.DefaultNamesMetadataKey)
            : [];
        _primaryInput = _features?.Layout ?? inputs[0];
        _primaryInputName = _primaryInput.Name;
        _sampler = new RowSampler(options.CaptureEveryNthRow);
        _checkDeviceMemory = activeProvider != ExecutionProviderSelector.CpuProviderName;
        _ownsMetrics = options.SharedMetrics is null;
        _metrics = options.SharedMetrics ?? new InferenceMetrics(ModelName, ModelVersion, options.Endpoint, options.Metrics);
        SessionTags =
        [
            new(SemanticConventions.ModelName, ModelName),
            new(SemanticConventions.ModelVersion, ModelVersion),
            new(SemanticConventions.Endpoint, _metrics.Endpoint),
            new(SemanticConventions.OnnxProvider, ActiveProvider),
        ];
        InfoTags = BuildInfoTags(options.MaxMetadataTags);
        _endpoint = new InstrumentedEndpoint(
            _metrics,
            OnnxRuntimeTelemetry.ActivitySource,
            OnnxRuntimeTelemetry.RunSpanName,
            [SessionTags[0], SessionTags[1], SessionTags[3]],
            OnnxErrorTypes.Of);
        FeatureCaptureTags = [.. SessionTags, new("ml.onnx.capture", "features")];
        OutputCaptureTags = [.. SessionTags, new("ml.onnx.capture", "outputs")];
        _ownsSession = ownsSession;
        SessionInstruments.Live.Add(this);
        RecordingTargets.Announce(new RecordingTarget("ONNX session", ModelName, ModelVersion, _metrics.Endpoint));
        OnnxRuntimeEventSource.Log.ProviderSelected(ModelName, ActiveProvider);
    }

    /// <summary>The instrumented session, for what this wrapper does not cover (IO binding, profiling).</summary>
    public InferenceSession Session => _session;

    /// <summary>The RED metrics of this session (latency window, counts, observers for SLOs and alerts).</summary>
    public InferenceMetrics Metrics => _metrics;

    /// <summary>The model name reported as <c>ml.model.name</c>.</summary>
    public string ModelName { get; }

    /// <summary>The model version reported as <c>ml.model.version</c>.</summary>
    public string ModelVersion { get; }

    /// <summary>What the model says about itself.</summary>
    public ModelDescription Model { get; }

    /// <summary>The execution provider that runs the model (tag <c>ml.onnx.provider</c>).</summary>
    public string ActiveProvider { get; }

    /// <summary>Why the requested execution provider is not the active one; <see langword="null"/> when it is or none was requested.</summary>
    public string? ProviderFallbackReason => _selection?.FallbackReason;

    /// <summary>Time taken to create the session; <see langword="null"/> when the session was created elsewhere.</summary>
    public TimeSpan? CreationTime { get; }

    /// <summary>Total time of the warm-up runs; <see langword="null"/> before any.</summary>
    public TimeSpan? WarmUpTime
    {
        get
        {
            long ticks = Interlocked.Read(ref _warmUpTicks);
            return ticks < 0 ? null : Stopwatch.GetElapsedTime(0, ticks);
        }
    }

    /// <summary>
    /// The feature names of the model's input, in column order, for building its reference profile
    /// (<c>ReferenceProfile.FromCsv(path, columns: session.FeatureNames)</c>): those of the captured input when
    /// features are captured; otherwise those of the model's only float or double input, from the metadata entry
    /// <c>feature_names</c> or else <c>f0</c>, <c>f1</c>, ... Empty when the model has several inputs and none is captured.
    /// </summary>
    public IReadOnlyList<string> FeatureNames => _features?.FeatureNames ?? _inputFeatureNames;

    /// <summary>The class names of the captured output, in column order; empty when unknown or not captured.</summary>
    public IReadOnlyList<string> ClassNames => _outputs?.ClassNames ?? [];

    /// <summary>Feature rows handed to the input sink since creation.</summary>
    public long CapturedFeatureRows => _features?.CapturedRows ?? 0;

    /// <summary>Predictions handed to the output sink since creation.</summary>
    public long CapturedOutputRows => _outputs?.CapturedRows ?? 0;

    /// <summary>Runs whose features or outputs could not be captured (shape mismatch, output not requested, device memory).</summary>
    public long SkippedCaptures => (_features?.SkippedRuns ?? 0) + (_outputs?.SkippedRuns ?? 0) + Interlocked.Read(ref _outputSkips);

    internal KeyValuePair<string, object?>[] SessionTags { get; }

    internal KeyValuePair<string, object?>[] InfoTags { get; }

    internal KeyValuePair<string, object?>[] FeatureCaptureTags { get; }

    internal KeyValuePair<string, object?>[] OutputCaptureTags { get; }

    internal FeatureCapture? FeatureCapture => _features;

    internal OutputCapture? OutputCapture => _outputs;

    internal long OutputSkipsOutsideCapture => Interlocked.Read(ref _outputSkips);

    /// <summary>Unregisters the instruments, stops the latency window and disposes the session when owned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        SessionInstruments.Live.Remove(this);
        if (_ownsMetrics)
        {
            _metrics.Dispose();
        }

        _defaultRunOptions.Dispose();
        if (_ownsSession)
        {
            _session.Dispose();
            _selection?.Dispose();
        }
    }

    private KeyValuePair<string, object?>[] BuildInfoTags(int maxMetadataTags)
    {
        var tags = new List<KeyValuePair<string, object?>>(SessionTags)
        {
            new("ml.onnx.producer", Model.ProducerName),
            new("ml.onnx.graph", Model.GraphName),
            new("ml.onnx.domain", Model.Domain),
            new("ml.onnx.model_version", Model.Version.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var entry in Model.CustomMetadata.OrderBy(e => e.Key, StringComparer.Ordinal).Take(maxMetadataTags))
        {
            string value = entry.Value.Length > 256 ? entry.Value[..256] : entry.Value;
            tags.Add(new("ml.onnx.metadata." + entry.Key, value));
        }

        return [.. tags];
    }
}
