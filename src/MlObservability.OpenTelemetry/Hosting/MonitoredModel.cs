using MlObservability.Inference;
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
        for (int i = _components.Count - 1; i >= 0; i--)
        {
            if (_components[i] is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        _components.Clear();
        Inference.Dispose();
    }

    internal void AddComponent(object component)
    {
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
    private static void ReportSinkFailure(object sink, Exception error) =>
        MlMonitoringEventSource.Log.EventSinkFailed(sink.GetType().Name, error);

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
