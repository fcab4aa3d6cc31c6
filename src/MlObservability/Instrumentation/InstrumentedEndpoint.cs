using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MlObservability.Diagnostics;
using MlObservability.Inference;

namespace MlObservability.Instrumentation;

/// <summary>
/// The runtime half of one <see cref="InstrumentedAttribute">[Instrumented]</see> method: its
/// <see cref="InferenceMetrics"/> (RED metrics and latency histogram), its span name and the model's sinks. Generated
/// decorators create one per method, once per process, and call it around every invocation. Not meant to be used
/// directly.
/// </summary>
/// <remarks>
/// Every member is safe to call concurrently, allocation-free when no span is sampled, and never throws into the caller:
/// a sink that throws is reported to the <c>MlObservability</c> event source (event 400) and skipped.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class InstrumentedEndpoint
{
    private static readonly object Gate = new();
    private static readonly Dictionary<(string Model, string Version, string Endpoint), InstrumentedEndpoint> Endpoints = [];
    private readonly CompositeModelSink _sinks;
    private readonly SharedInferenceMetrics.Slot? _sharedMetrics;
    private readonly InferenceMetrics? _ownMetrics;
    private readonly ActivitySource _activitySource;
    private readonly string _activityName;
    private readonly KeyValuePair<string, object?>[] _spanTags;
    private readonly Func<Exception, string>? _classifyError;

    /// <summary>Creates the endpoint and its metrics.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="modelVersion">The model version (tag <c>ml.model.version</c>).</param>
    /// <param name="endpoint">The endpoint (tag <c>ml.endpoint</c>).</param>
    private InstrumentedEndpoint(string modelName, string? modelVersion, string endpoint)
    {
        _sharedMetrics = SharedInferenceMetrics.SlotOf(modelName, modelVersion, endpoint);
        _sinks = ModelSinks.GetSlot(modelName);
        _activitySource = MlTelemetry.ActivitySource;
        _activityName = string.IsNullOrEmpty(endpoint) ? modelName : modelName + " " + endpoint;
        _spanTags =
        [
            new(SemanticConventions.ModelName, modelName),
            new(SemanticConventions.ModelVersion, modelVersion ?? string.Empty),
            new(SemanticConventions.Endpoint, endpoint),
        ];
    }

    /// <summary>
    /// An endpoint over fixed metrics, for adapters that own their metrics and span source (the ONNX Runtime session):
    /// the same call, outcome and span handling as a decorator's, with the adapter's span name, span tags and error types.
    /// </summary>
    /// <param name="metrics">The metrics to record into.</param>
    /// <param name="activitySource">The source of the call spans.</param>
    /// <param name="activityName">The name of the call spans.</param>
    /// <param name="spanTags">Tags set on every sampled span when it starts.</param>
    /// <param name="classifyError">Maps an exception to its <c>error.type</c>; the exception type name when <see langword="null"/>.</param>
    internal InstrumentedEndpoint(
        InferenceMetrics metrics,
        ActivitySource activitySource,
        string activityName,
        KeyValuePair<string, object?>[] spanTags,
        Func<Exception, string>? classifyError)
    {
        _ownMetrics = metrics;
        _sinks = new CompositeModelSink(metrics.ModelName); // the adapter captures rows itself
        _activitySource = activitySource;
        _activityName = activityName;
        _spanTags = spanTags;
        _classifyError = classifyError;
    }

    /// <summary>
    /// The endpoint of a model name, version and endpoint name, created on first use and shared by every decorator that
    /// names it, so that the metrics of one endpoint are published once per process.
    /// </summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version; empty when unknown.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The shared endpoint.</returns>
    public static InstrumentedEndpoint Get(string modelName, string? modelVersion, string endpoint)
    {
        var key = (modelName ?? string.Empty, modelVersion ?? string.Empty, endpoint ?? string.Empty);
        InstrumentedEndpoint created;
        lock (Gate)
        {
            if (Endpoints.TryGetValue(key, out var existing))
            {
                return existing;
            }

            created = new InstrumentedEndpoint(key.Item1, key.Item2, key.Item3);
            Endpoints.Add(key, created);
        }

        // Outside the lock: a host checks the names against its configured models (a mismatch records nowhere).
        RecordingTargets.Announce(new RecordingTarget("[Instrumented] decorator", key.Item1, key.Item2, key.Item3));
        return created;
    }

    /// <summary>
    /// The RED metrics of the endpoint: the ones a host published for the same model name, version and endpoint
    /// (<see cref="SharedInferenceMetrics.Publish"/>), otherwise an instance with default settings.
    /// </summary>
    public InferenceMetrics Metrics => _ownMetrics ?? _sharedMetrics!.Current;

    /// <summary>Starts a call: in-flight gauge, timestamp and, when sampled, a span.</summary>
    /// <returns>The call, to pass to <see cref="Succeeded"/> or <see cref="Failed(in InstrumentedCall, Exception)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstrumentedCall Start() => Start(1);

    /// <summary>Starts a call over a batch of rows (<c>ml.inference.batch.size</c>).</summary>
    /// <param name="batch">The rows of the call; <see langword="null"/> or empty counts as one item.</param>
    /// <returns>The call, to pass to <see cref="Succeeded"/> or <see cref="Failed(in InstrumentedCall, Exception)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstrumentedCall Start(Array? batch) => Start(batch is { Length: > 1 } ? batch.Length : 1);

    /// <summary>Starts a call over <paramref name="batchSize"/> items.</summary>
    /// <param name="batchSize">Items in the call (at least 1).</param>
    /// <returns>The call, to pass to <see cref="Succeeded"/> or <see cref="Failed(in InstrumentedCall, Exception)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal InstrumentedCall Start(int batchSize)
    {
        var activity = _activitySource.HasListeners() ? StartActivity() : null;
        return new InstrumentedCall(Metrics.Start(), activity, batchSize);
    }

    /// <summary>Ends a call that returned normally.</summary>
    /// <param name="call">The call <see cref="Start()"/> returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Succeeded(in InstrumentedCall call)
    {
        Metrics.RecordSuccess(call.StartTimestamp, call.BatchSize);
        if (call.Activity is { } activity)
        {
            StopActivity(activity, "success", call.BatchSize, null);
        }
    }

    /// <summary>
    /// Ends a call that threw: an <see cref="OperationCanceledException"/> is recorded as cancelled, anything else as an
    /// error tagged with the exception type name. Returns <see langword="false"/> so that it can be used as an exception
    /// filter, which leaves the exception and its stack trace untouched.
    /// </summary>
    /// <param name="call">The call <see cref="Start()"/> returned.</param>
    /// <param name="exception">The exception.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public bool Failed(in InstrumentedCall call, Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            Metrics.RecordCancelled(call.StartTimestamp, call.BatchSize);
            if (call.Activity is { } cancelled)
            {
                StopActivity(cancelled, "cancelled", call.BatchSize, null);
            }
        }
        else
        {
            string errorType = exception is null ? "unknown" : _classifyError?.Invoke(exception) ?? exception.GetType().Name;
            Metrics.RecordError(call.StartTimestamp, errorType, call.BatchSize);
            if (call.Activity is { } failed)
            {
                StopActivity(failed, "error", call.BatchSize, errorType, exception?.Message);
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="Failed(in InstrumentedCall, Exception)"/> for streams: also marks the call as ended so that the stream's end does not record it twice.
    /// </summary>
    /// <param name="call">The call <see cref="Start()"/> returned.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="ended">Set to <see langword="true"/>.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public bool StreamFailed(in InstrumentedCall call, Exception exception, out bool ended)
    {
        ended = true;
        return Failed(call, exception);
    }

    /// <summary>Feeds one row of features to the model's input sinks. An empty row is passed on too, so a drift monitor
    /// counts it (<c>wrong_length</c>) like any row of the wrong width.</summary>
    /// <param name="features">The row.</param>
    public void RecordFeatures(ReadOnlySpan<double> features) => _sinks.RecordFeatures(features);

    /// <summary>Feeds one row of single-precision features to the model's input sinks; an empty row is passed on too.</summary>
    /// <param name="features">The row.</param>
    public void RecordFeatures(ReadOnlySpan<float> features) => _sinks.RecordFeatures(features);

    /// <summary>Feeds a batch of rows to the model's input sinks.</summary>
    /// <param name="rows">The rows; <see langword="null"/> rows are skipped.</param>
    public void RecordFeatures(double[]?[]? rows)
    {
        if (rows is null || !_sinks.HasInputs)
        {
            return;
        }

        foreach (var row in rows)
        {
            if (row is not null)
            {
                RecordFeatures(new ReadOnlySpan<double>(row));
            }
        }
    }

    /// <summary>Feeds a batch of single-precision rows to the model's input sinks.</summary>
    /// <param name="rows">The rows; <see langword="null"/> rows are skipped.</param>
    public void RecordFeatures(float[]?[]? rows)
    {
        if (rows is null || !_sinks.HasInputs)
        {
            return;
        }

        foreach (var row in rows)
        {
            if (row is not null)
            {
                RecordFeatures(new ReadOnlySpan<float>(row));
            }
        }
    }

    /// <summary>Feeds one vector of the embedding input <paramref name="name"/> to the model's embedding drift detector
    /// of that name (<c>[FeatureVector(IsEmbedding = true)]</c>); a name no detector takes is counted.</summary>
    /// <param name="name">The embedding input's name.</param>
    /// <param name="vector">The vector.</param>
    public void RecordEmbedding(string name, ReadOnlySpan<float> vector) => _sinks.RecordEmbedding(name, vector);

    /// <summary>Feeds a batch of vectors of the embedding input <paramref name="name"/>.</summary>
    /// <param name="name">The embedding input's name.</param>
    /// <param name="vectors">The vectors; <see langword="null"/> ones are skipped.</param>
    public void RecordEmbedding(string name, float[]?[]? vectors)
    {
        if (vectors is null || !_sinks.HasInputs)
        {
            return;
        }

        foreach (var vector in vectors)
        {
            if (vector is not null)
            {
                RecordEmbedding(name, new ReadOnlySpan<float>(vector));
            }
        }
    }

    /// <summary>Feeds a result that implements <see cref="IPredictionResult"/> to the model's output sinks.</summary>
    /// <typeparam name="TResult">The result type (generic so that structs are not boxed).</typeparam>
    /// <param name="result">The result; <see langword="null"/> is skipped.</param>
    public void RecordPrediction<TResult>(TResult result)
        where TResult : IPredictionResult => RecordPrediction(result, null);

    /// <summary>Feeds a result that implements <see cref="IPredictionResult"/>, with its request id, to the model's output sinks.</summary>
    /// <typeparam name="TResult">The result type (generic so that structs are not boxed).</typeparam>
    /// <param name="result">The result; <see langword="null"/> is skipped.</param>
    /// <param name="requestId">The <see cref="RequestIdAttribute">[RequestId]</see> argument, to join a late label; may be <see langword="null"/>.</param>
    public void RecordPrediction<TResult>(TResult result, string? requestId)
        where TResult : IPredictionResult
    {
        if (result is null || !_sinks.HasOutputs)
        {
            return;
        }

        if (result is IProbabilityPredictionResult withProbabilities)
        {
            RecordPrediction(withProbabilities.PredictedLabel, withProbabilities.Probabilities, requestId);
            return;
        }

        RecordPrediction(result.PredictedLabel, result.Confidence, requestId);
    }

    /// <summary>Feeds a predicted label, the probability of every class and the request id to the model's output sinks.</summary>
    /// <param name="predictedLabel">The label; <see langword="null"/> is counted (event 401) and skipped.</param>
    /// <param name="probabilities">One probability per class, in the order of the model's class labels.</param>
    /// <param name="requestId">The request id, to join a late label; may be <see langword="null"/>.</param>
    public void RecordPrediction(string? predictedLabel, ReadOnlySpan<double> probabilities, string? requestId)
    {
        if (!_sinks.HasOutputs)
        {
            return;
        }

        if (predictedLabel is null)
        {
            MlObservabilityEventSource.Log.InstrumentationPredictionWithoutLabel(Metrics.ModelName, Metrics.Endpoint);
            return;
        }

        _sinks.RecordClassification(predictedLabel, probabilities, requestId);
    }

    /// <summary>Feeds a predicted label and its confidence to the model's output sinks.</summary>
    /// <param name="predictedLabel">The label; <see langword="null"/> is counted (event 401) and skipped.</param>
    /// <param name="confidence">The confidence.</param>
    public void RecordPrediction(string? predictedLabel, double confidence) => RecordPrediction(predictedLabel, confidence, null);

    /// <summary>Feeds a predicted label, its confidence and the request id to the model's output sinks.</summary>
    /// <param name="predictedLabel">The label; <see langword="null"/> is counted (event 401) and skipped.</param>
    /// <param name="confidence">The confidence.</param>
    /// <param name="requestId">The request id, to join a late label; may be <see langword="null"/>.</param>
    public void RecordPrediction(string? predictedLabel, double confidence, string? requestId)
    {
        if (!_sinks.HasOutputs)
        {
            return;
        }

        if (predictedLabel is null)
        {
            MlObservabilityEventSource.Log.InstrumentationPredictionWithoutLabel(Metrics.ModelName, Metrics.Endpoint);
            return;
        }

        _sinks.RecordClassification(predictedLabel, confidence, requestId);
    }

    /// <summary>Feeds a predicted class index and its confidence to the model's output sinks.</summary>
    /// <param name="predictedClass">The class index.</param>
    /// <param name="confidence">The confidence.</param>
    public void RecordPrediction(int predictedClass, double confidence) => RecordPrediction(predictedClass, confidence, null);

    /// <summary>Feeds a predicted class index, its confidence and the request id to the model's output sinks.</summary>
    /// <param name="predictedClass">The class index.</param>
    /// <param name="confidence">The confidence.</param>
    /// <param name="requestId">The request id, to join a late label; may be <see langword="null"/>.</param>
    public void RecordPrediction(int predictedClass, double confidence, string? requestId) =>
        _sinks.RecordClassification(predictedClass, confidence, requestId);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Activity? StartActivity()
    {
        var activity = _activitySource.StartActivity(_activityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            foreach (var tag in _spanTags)
            {
                activity.SetTag(tag.Key, tag.Value);
            }
        }

        return activity;
    }

    private static void StopActivity(Activity activity, string outcome, int batchSize, string? errorType, string? errorMessage = null)
    {
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(SemanticConventions.Outcome, outcome);
            activity.SetTag(SemanticConventions.BatchSize, batchSize);
            if (errorType is not null)
            {
                activity.SetTag(SemanticConventions.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorMessage);
            }
        }

        activity.Stop();
    }
}
