using MlObservability.Drift;
using MlObservability.Inference;
using MlObservability.Quality;
using MlObservability.Slo;
using MlObservability.OpenTelemetry.Configuration;
using MlObservability.OpenTelemetry.Diagnostics;

namespace MlObservability.OpenTelemetry.Hosting;

/// <summary>
/// One configured model as the host sees it: its <see cref="InferenceMetrics"/> and the components registered for it
/// (drift monitor, quality monitor, SLO tracker, alert engine...). Feed it features and outputs; it forwards them to every
/// component that takes them, and forwards the components' findings to every <see cref="IMonitoringEventSink"/>.
/// </summary>
/// <remarks>
/// Forwarding is allocation-free and lock-free (arrays fixed at startup) and never throws: a component that throws is
/// reported on the <c>MlObservability-OpenTelemetry</c> event source and the others still receive the call. Components
/// are disposed with the host.
/// </remarks>
public sealed class MonitoredModel : IModelInputSink, IModelOutputSink, IMonitoringEventSink, IDisposable
{
    private readonly Func<IReadOnlyList<IMonitoringEventSink>> _globalSinks;
    private readonly List<object> _components = [];
    private readonly List<IDisposable> _owned = [];
    private IModelInputSink[] _inputSinks = [];
    private IModelOutputSink[] _outputSinks = [];
    private IMonitoringEventSink[] _eventSinks = [];
    private IMonitoringEvaluator[] _evaluators = [];

    internal MonitoredModel(ModelMonitorOptions options, TimeProvider timeProvider, Func<IReadOnlyList<IMonitoringEventSink>> globalSinks)
    {
        Options = options;
        _globalSinks = globalSinks;
        Inference = new InferenceMetrics(
            options.Name,
            options.Version,
            options.Endpoint,
            new InferenceMetricsOptions { LatencyWindow = options.LatencyWindow, TimeProvider = timeProvider });
    }

    /// <summary>The model name.</summary>
    public string Name => Options.Name;

    /// <summary>The model version; empty when unknown.</summary>
    public string Version => Options.Version;

    /// <summary>The model's settings.</summary>
    public ModelMonitorOptions Options { get; }

    /// <summary>The RED metrics of the model: call <see cref="InferenceMetrics.Start"/> / <see cref="InferenceMetrics.RecordSuccess"/> around each inference.</summary>
    public InferenceMetrics Inference { get; }

    /// <summary>The components registered for this model, in registration order.</summary>
    public IReadOnlyList<object> Components => _components;

    /// <summary>The evaluators among <see cref="Components"/>.</summary>
    public IReadOnlyList<IMonitoringEvaluator> Evaluators => _evaluators;

    /// <summary>The model's drift monitor, when <see cref="ModelMonitorOptions.DriftReferencePath"/> is set.</summary>
    public DriftMonitor? Drift => GetComponent<DriftMonitor>();

    /// <summary>The model's quality monitor, unless quality monitoring is disabled.</summary>
    public QualityMonitor? Quality => GetComponent<QualityMonitor>();

    /// <summary>The model's SLO tracker, unless SLOs are disabled.</summary>
    public SloTracker? Slo => GetComponent<SloTracker>();

    /// <summary>The first component of type <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <returns>The component.</returns>
    public T? GetComponent<T>()
        where T : class
    {
        foreach (var component in _components)
        {
            if (component is T typed)
            {
                return typed;
            }
        }

        return null;
    }

    /// <summary>
    /// Joins a late ground-truth label to the prediction made for <paramref name="requestId"/> (see
    /// <see cref="QualityMonitor.RecordGroundTruth(string, string)"/>). Never throws.
    /// </summary>
    /// <param name="requestId">The request id the prediction was recorded with.</param>
    /// <param name="label">The true label.</param>
    /// <returns>What happened to the label; <see cref="GroundTruthOutcome.UnknownId"/> when the model has no quality monitor.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, string label) =>
        Quality?.RecordGroundTruth(requestId, label) ?? GroundTruthOutcome.UnknownId;

    /// <summary>Joins a late ground-truth class index to the prediction made for <paramref name="requestId"/>. Never throws.</summary>
    /// <param name="requestId">The request id the prediction was recorded with.</param>
    /// <param name="trueClass">The true class index.</param>
    /// <returns>What happened to the label; <see cref="GroundTruthOutcome.UnknownId"/> when the model has no quality monitor.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, int trueClass) =>
        Quality?.RecordGroundTruth(requestId, trueClass) ?? GroundTruthOutcome.UnknownId;

    /// <inheritdoc/>
    public void RecordFeatures(ReadOnlySpan<double> features)
    {
        foreach (var sink in _inputSinks)
        {
            try
            {
                sink.RecordFeatures(features);
            }
            catch (Exception ex)
            {
                ReportSinkFailure(sink, ex);
            }
        }
    }

    /// <inheritdoc/>
    public void RecordFeatures(ReadOnlySpan<float> features)
    {
        foreach (var sink in _inputSinks)
        {
            try
            {
                sink.RecordFeatures(features);
            }
            catch (Exception ex)
            {
                ReportSinkFailure(sink, ex);
            }
        }
    }

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null)
    {
        foreach (var sink in _outputSinks)
        {
            try
            {
                sink.RecordClassification(predictedClass, confidence, requestId);
            }
            catch (Exception ex)
            {
                ReportSinkFailure(sink, ex);
            }
        }
    }

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null)
    {
        foreach (var sink in _outputSinks)
        {
            try
            {
                sink.RecordClassification(predictedLabel, confidence, requestId);
            }
            catch (Exception ex)
            {
                ReportSinkFailure(sink, ex);
            }
        }
    }

    /// <inheritdoc/>
    public void RecordRegression(double value, string? requestId = null)
    {
        foreach (var sink in _outputSinks)
        {
            try
            {
                sink.RecordRegression(value, requestId);
            }
            catch (Exception ex)
            {
                ReportSinkFailure(sink, ex);
            }
        }
    }

    /// <summary>
    /// Forwards a finding to the model's own sink components (for example its alert engine) and to every
    /// <see cref="IMonitoringEventSink"/> registered in the container (health check, alert engines). Never throws.
    /// </summary>
    /// <param name="monitoringEvent">The finding.</param>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoringEvent);
        foreach (var sink in _eventSinks)
        {
            Deliver(sink, monitoringEvent);
        }

        foreach (var sink in _globalSinks())
        {
            Deliver(sink, monitoringEvent);
        }
    }

    /// <summary>Disposes the components (in reverse order) and the inference metrics.</summary>
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
        Inference.Dispose();
    }

    internal void AddComponent(object component)
    {
        if (component is IDisposable owned)
        {
            _owned.Add(owned);
        }

        if (component is IComponentWrapper wrapper)
        {
            component = wrapper.Inner;
        }

        _components.Add(component);
        if (component is IModelInputSink input)
        {
            _inputSinks = [.. _inputSinks, input];
        }

        if (component is IModelOutputSink output)
        {
            _outputSinks = [.. _outputSinks, output];
        }

        if (component is IMonitoringEventSink sink)
        {
            _eventSinks = [.. _eventSinks, sink];
        }

        if (component is IMonitoringEvaluator evaluator)
        {
            _evaluators = [.. _evaluators, evaluator];
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportSinkFailure(object sink, Exception error) =>
        MlMonitoringEventSource.Log.ComponentRecordingFailed(sink.GetType().Name, Name, error);

    private static void Deliver(IMonitoringEventSink sink, MonitoringEvent monitoringEvent)
    {
        try
        {
            sink.Publish(monitoringEvent);
        }
        catch (Exception ex)
        {
            MlMonitoringEventSource.Log.EventSinkFailed(sink.GetType().Name, ex);
        }
    }
}
