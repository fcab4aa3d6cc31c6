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
    private readonly ModelSinkSlot _sinks;
    private readonly SharedInferenceMetrics.Slot _metrics;
    private readonly string _activityName;

    /// <summary>Creates the endpoint and its metrics.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="modelVersion">The model version (tag <c>ml.model.version</c>).</param>
    /// <param name="endpoint">The endpoint (tag <c>ml.endpoint</c>).</param>
    private InstrumentedEndpoint(string modelName, string? modelVersion, string endpoint)
    {
        _metrics = SharedInferenceMetrics.SlotOf(modelName, modelVersion, endpoint);
        _sinks = ModelSinks.GetSlot(modelName);
        _activityName = string.IsNullOrEmpty(endpoint) ? modelName : modelName + " " + endpoint;
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
        lock (Gate)
        {
            if (!Endpoints.TryGetValue(key, out var existing))
            {
                existing = new InstrumentedEndpoint(key.Item1, key.Item2, key.Item3);
                Endpoints.Add(key, existing);
            }

            return existing;
        }
    }

    /// <summary>
    /// The RED metrics of the endpoint: the ones a host published for the same model name, version and endpoint
    /// (<see cref="SharedInferenceMetrics.Publish"/>), otherwise an instance with default settings.
    /// </summary>
    public InferenceMetrics Metrics => _metrics.Current;

    /// <summary>Starts a call: in-flight gauge, timestamp and, when sampled, a span.</summary>
    /// <returns>The call, to pass to <see cref="Succeeded"/> or <see cref="Failed(in InstrumentedCall, Exception)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstrumentedCall Start()
    {
        var activity = MlTelemetry.ActivitySource.HasListeners() ? StartActivity() : null;
        return new InstrumentedCall(Metrics.Start(), activity, 1);
    }

    /// <summary>Starts a call over a batch of rows (<c>ml.inference.batch.size</c>).</summary>
    /// <param name="batch">The rows of the call; <see langword="null"/> or empty counts as one item.</param>
    /// <returns>The call, to pass to <see cref="Succeeded"/> or <see cref="Failed(in InstrumentedCall, Exception)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstrumentedCall Start(Array? batch)
    {
        var activity = MlTelemetry.ActivitySource.HasListeners() ? StartActivity() : null;
        return new InstrumentedCall(Metrics.Start(), activity, batch is { Length: > 1 } ? batch.Length : 1);
    }

    /// <summary>Ends a call that returned normally.</summary>
    /// <param name="call">The call <see cref="Start()"/> returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Succeeded(in InstrumentedCall call)
    {
        Metrics.RecordSuccess(call.StartTimestamp, call.BatchSize);
        if (call.Activity is { } activity)
        {
            StopActivity(activity, "success", null);
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
                StopActivity(cancelled, "cancelled", null);
            }
        }
        else
        {
            string errorType = exception?.GetType().Name ?? "unknown";
            Metrics.RecordError(call.StartTimestamp, errorType, call.BatchSize);
            if (call.Activity is { } failed)
            {
                StopActivity(failed, "error", errorType);
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

    /// <summary>Feeds one row of features to the model's input sinks.</summary>
    /// <param name="features">The row.</param>
    public void RecordFeatures(ReadOnlySpan<double> features)
    {
        var sinks = _sinks.Inputs;
        if (sinks.Length == 0 || features.IsEmpty)
        {
            return;
        }

        foreach (var sink in sinks)
        {
            try
            {
                sink.RecordFeatures(features);
            }
            catch (Exception ex)
            {
                MlObservabilityEventSource.Log.InstrumentationSinkFailure(_sinks.ModelName, nameof(IModelInputSink), ex);
            }
        }
    }

    /// <summary>Feeds one row of single-precision features to the model's input sinks.</summary>
    /// <param name="features">The row.</param>
    public void RecordFeatures(ReadOnlySpan<float> features)
    {
        var sinks = _sinks.Inputs;
        if (sinks.Length == 0 || features.IsEmpty)
        {
            return;
        }

        foreach (var sink in sinks)
        {
            try
            {
                sink.RecordFeatures(features);
            }
            catch (Exception ex)
            {
                MlObservabilityEventSource.Log.InstrumentationSinkFailure(_sinks.ModelName, nameof(IModelInputSink), ex);
            }
        }
    }

    /// <summary>Feeds a batch of rows to the model's input sinks.</summary>
    /// <param name="rows">The rows; <see langword="null"/> rows are skipped.</param>
    public void RecordFeatures(double[]?[]? rows)
    {
        if (rows is null || _sinks.Inputs.Length == 0)
        {
            return;
        }

        foreach (var row in rows)
        {
            RecordFeatures(new ReadOnlySpan<double>(row));
        }
    }

    /// <summary>Feeds a batch of single-precision rows to the model's input sinks.</summary>
    /// <param name="rows">The rows; <see langword="null"/> rows are skipped.</param>
    public void RecordFeatures(float[]?[]? rows)
    {
        if (rows is null || _sinks.Inputs.Length == 0)
        {
            return;
        }

        foreach (var row in rows)
        {
            RecordFeatures(new ReadOnlySpan<float>(row));
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
        if (result is null || _sinks.Outputs.Length == 0)
        {
            return;
        }

        RecordPrediction(result.PredictedLabel, result.Confidence, requestId);
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
        var sinks = _sinks.Outputs;
        if (sinks.Length == 0)
        {
            return;
        }

        if (predictedLabel is null)
        {
            MlObservabilityEventSource.Log.InstrumentationPredictionWithoutLabel(Metrics.ModelName, Metrics.Endpoint);
            return;
        }

        foreach (var sink in sinks)
        {
            try
            {
                sink.RecordClassification(predictedLabel, confidence, requestId);
            }
            catch (Exception ex)
            {
                MlObservabilityEventSource.Log.InstrumentationSinkFailure(_sinks.ModelName, nameof(IModelOutputSink), ex);
            }
        }
    }

    /// <summary>Feeds a predicted class index and its confidence to the model's output sinks.</summary>
    /// <param name="predictedClass">The class index.</param>
    /// <param name="confidence">The confidence.</param>
    public void RecordPrediction(int predictedClass, double confidence) => RecordPrediction(predictedClass, confidence, null);

    /// <summary>Feeds a predicted class index, its confidence and the request id to the model's output sinks.</summary>
    /// <param name="predictedClass">The class index.</param>
    /// <param name="confidence">The confidence.</param>
    /// <param name="requestId">The request id, to join a late label; may be <see langword="null"/>.</param>
    public void RecordPrediction(int predictedClass, double confidence, string? requestId)
    {
        var sinks = _sinks.Outputs;
        if (sinks.Length == 0)
        {
            return;
        }

        foreach (var sink in sinks)
        {
            try
            {
                sink.RecordClassification(predictedClass, confidence, requestId);
            }
            catch (Exception ex)
            {
                MlObservabilityEventSource.Log.InstrumentationSinkFailure(_sinks.ModelName, nameof(IModelOutputSink), ex);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Activity? StartActivity()
    {
        var activity = MlTelemetry.ActivitySource.StartActivity(_activityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MlTelemetry.ModelNameTag, Metrics.ModelName);
            activity.SetTag(MlTelemetry.ModelVersionTag, Metrics.ModelVersion);
            activity.SetTag(MlTelemetry.EndpointTag, Metrics.Endpoint);
        }

        return activity;
    }

    private static void StopActivity(Activity activity, string outcome, string? errorType)
    {
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(MlTelemetry.OutcomeTag, outcome);
            if (errorType is not null)
            {
                activity.SetTag(MlTelemetry.ErrorTypeTag, errorType);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        activity.Stop();
    }
}
