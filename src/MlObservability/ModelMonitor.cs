using MlObservability.Drift;
using MlObservability.Inference;
using MlObservability.Instrumentation;
using MlObservability.Quality;
using MlObservability.Slo;

namespace MlObservability;

/// <summary>
/// One monitored model version: its RED metrics (<see cref="Inference"/>) and the components that watch it (drift
/// monitor, quality monitor, SLO tracker, your own). Everything that records for the model records into it:
/// <c>[Instrumented]</c> decorators and ONNX Runtime sessions of the same model name find it on their own, and your code
/// calls <see cref="RecordFeatures(ReadOnlySpan{double})"/> or <see cref="RecordClassification(int, double, string?)"/>.
/// It forwards each row and prediction once to every component that takes it, and each component's findings to every
/// component and shared sink that receives findings (the alert engine, health checks).
/// </summary>
/// <remarks>
/// <para>
/// Components are wired by the contracts they implement: <see cref="IModelInputSink"/> receives feature rows,
/// <see cref="IModelOutputSink"/> predictions, <see cref="IMonitoringEventSink"/> findings, <see cref="IInferenceObserver"/>
/// every inference recorded in <see cref="Inference"/>; <see cref="IMonitoringEvaluator"/>s are listed in
/// <see cref="Evaluators"/> for a scheduler to run; <see cref="IDisposable"/> components are disposed with the monitor.
/// </para>
/// <para>
/// Recording is allocation-free and lock-free and never throws: a component that throws is reported on the
/// <c>MlObservability</c> event source (event 400) and the others still receive the call. While it lives, the monitor is
/// registered under its name for decorators (<see cref="ModelSinks"/>) and its <see cref="Inference"/> metrics are the
/// shared metrics of its name, version and endpoint (<see cref="SharedInferenceMetrics"/>).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var fraud = new ModelMonitor("fraud", "3");
/// fraud.AddComponent(new DriftMonitor("fraud", "3", profile, new DriftMonitorOptions(), fraud));
/// fraud.RecordFeatures(row);                         // or let an [Instrumented] decorator of "fraud" do it
/// </code>
/// </example>
public sealed partial class ModelMonitor : IModelInputSink, IModelOutputSink, IMonitoringEventSink, IModelEmbeddingSink, IDisposable
{
    private readonly object _gate = new();
    private readonly CompositeModelSink _components;
    private object[] _componentList = [];
    private readonly List<IDisposable> _owned = [];
    private readonly IDisposable _sinkRegistration;
    private readonly IDisposable _metricsPublication;
    private IMonitoringEvaluator[] _evaluators = [];
    private Func<IEnumerable<IMonitoringEventSink>>? _sharedSinkSource;
    private CompositeModelSink? _sharedSinks;
    private int _disposed;

    /// <summary>Creates the monitor of one model version and its RED metrics.</summary>
    /// <param name="name">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="version">The model version (tag <c>ml.model.version</c>); empty when unknown.</param>
    /// <param name="endpoint">The serving endpoint (tag <c>ml.endpoint</c>); empty when unknown.</param>
    /// <param name="inferenceOptions">Latency window and cardinality settings of <see cref="Inference"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public ModelMonitor(string name, string? version = null, string? endpoint = null, InferenceMetricsOptions? inferenceOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Version = version ?? string.Empty;
        _components = new CompositeModelSink(name);
        Inference = new InferenceMetrics(name, Version, endpoint ?? string.Empty, inferenceOptions);
        _sinkRegistration = ModelSinks.Register(name, _components, _components);
        _metricsPublication = SharedInferenceMetrics.Publish(Inference);
    }

    /// <summary>The model name.</summary>
    public string Name { get; }

    /// <summary>The model version; empty when unknown.</summary>
    public string Version { get; }

    /// <summary>The RED metrics of the model: call <see cref="InferenceMetrics.Start"/> / <see cref="InferenceMetrics.RecordSuccess"/> around each inference.</summary>
    public InferenceMetrics Inference { get; }

    /// <summary>The components, in the order they were added.</summary>
    public IReadOnlyList<object> Components => Volatile.Read(ref _componentList);

    /// <summary>The evaluators among <see cref="Components"/>, for a scheduler to run.</summary>
    public IReadOnlyList<IMonitoringEvaluator> Evaluators => Volatile.Read(ref _evaluators);

    /// <summary>The model's drift monitor, if one was added.</summary>
    public DriftMonitor? Drift => GetComponent<DriftMonitor>();

    /// <summary>The model's quality monitor, if one was added.</summary>
    public QualityMonitor? Quality => GetComponent<QualityMonitor>();

    /// <summary>The model's SLO tracker, if one was added.</summary>
    public SloTracker? Slo => GetComponent<SloTracker>();

    /// <summary>The first component of type <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <returns>The component.</returns>
    public T? GetComponent<T>()
        where T : class
    {
        foreach (var component in Volatile.Read(ref _componentList))
        {
            if (component is T typed)
            {
                return typed;
            }
        }

        return null;
    }

    /// <summary>Adds a component and wires it by the contracts it implements (see the remarks on <see cref="ModelMonitor"/>).</summary>
    /// <param name="component">The component.</param>
    /// <param name="lifetime">
    /// What to dispose with the monitor for this component: the component itself when <see langword="null"/> and it is
    /// <see cref="IDisposable"/>; pass an owner when the component comes with resources of its own (a file it writes).
    /// </param>
    public void AddComponent(object component, IDisposable? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(component);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_gate)
        {
            Volatile.Write(ref _componentList, [.. _componentList, component]);
            if ((lifetime ?? component as IDisposable) is { } owned)
            {
                _owned.Add(owned);
            }

            if (component is IInferenceObserver observer)
            {
                _owned.Add(Inference.Subscribe(observer));
            }

            if (component is IMonitoringEvaluator evaluator)
            {
                Volatile.Write(ref _evaluators, [.. _evaluators, evaluator]);
            }
        }

        _components.Add(component);
    }

    /// <summary>
    /// Adds sinks that receive every finding of this model after its own components, resolved on the first finding: for
    /// sinks created after the monitor, such as a container's health check and alert engine. They are not disposed with
    /// the monitor.
    /// </summary>
    /// <param name="resolve">Returns the sinks; called once.</param>
    public void AddSharedEventSinks(Func<IEnumerable<IMonitoringEventSink>> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        Volatile.Write(ref _sharedSinkSource, resolve);
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

    /// <summary>
    /// Joins a late whole-number label to the prediction made for <paramref name="requestId"/>: a class index for a
    /// classifier, the true value for a regression model (see <see cref="QualityMonitor.RecordGroundTruth(string, int)"/>). Never throws.
    /// </summary>
    /// <param name="requestId">The request id the prediction was recorded with.</param>
    /// <param name="trueClass">The true class index, or the true value of a regression prediction.</param>
    /// <returns>What happened to the label; <see cref="GroundTruthOutcome.UnknownId"/> when the model has no quality monitor.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, int trueClass) =>
        Quality?.RecordGroundTruth(requestId, trueClass) ?? GroundTruthOutcome.UnknownId;

    /// <summary>Joins a late true value to the regression prediction made for <paramref name="requestId"/>. Never throws.</summary>
    /// <param name="requestId">The request id the prediction was recorded with.</param>
    /// <param name="trueValue">The true value (NaN and infinities are invalid).</param>
    /// <returns>What happened to the label; <see cref="GroundTruthOutcome.UnknownId"/> when the model has no quality monitor.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, double trueValue) =>
        Quality?.RecordGroundTruth(requestId, trueValue) ?? GroundTruthOutcome.UnknownId;

    /// <inheritdoc/>
    public void RecordFeatures(ReadOnlySpan<double> features) => _components.RecordFeatures(features);

    /// <inheritdoc/>
    public void RecordFeatures(ReadOnlySpan<float> features) => _components.RecordFeatures(features);

    /// <summary>
    /// Records one vector of an embedding input into the model's <see cref="MlObservability.Drift.Embedding.EmbeddingDriftDetector"/> of
    /// that name (the name of its baseline in the reference profile; <c>[FeatureVector(IsEmbedding = true)]</c>
    /// parameters of decorated methods reach the same detectors). Lock-free, allocation-free, never throws.
    /// </summary>
    /// <param name="name">The embedding input's name.</param>
    /// <param name="vector">The vector.</param>
    /// <returns><see langword="false"/> when no detector takes that name (counted in <see cref="UnroutedEmbeddings"/>);
    /// a vector the detector rejects or skips is counted by the detector.</returns>
    public bool RecordEmbedding(string name, ReadOnlySpan<float> vector) => _components.RecordEmbedding(name, vector);

    /// <summary>Embedding vectors given to <see cref="RecordEmbedding"/> under a name no detector of this model has.</summary>
    public long UnroutedEmbeddings => _components.UnroutedEmbeddings;

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
        _components.RecordClassification(predictedClass, confidence, requestId);

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
        _components.RecordClassification(predictedLabel, confidence, requestId);

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        _components.RecordClassification(predictedClass, probabilities, requestId);

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        _components.RecordClassification(predictedLabel, probabilities, requestId);

    /// <inheritdoc/>
    public void RecordRegression(double value, string? requestId = null) => _components.RecordRegression(value, requestId);

    /// <summary>
    /// Forwards a finding to the model's components that receive findings (for example its alert engine) and then to the
    /// shared sinks (<see cref="AddSharedEventSinks"/>). Never throws.
    /// </summary>
    /// <param name="monitoringEvent">The finding.</param>
    public void Publish(MonitoringEvent monitoringEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoringEvent);
        _components.Publish(monitoringEvent);
        SharedSinks()?.Publish(monitoringEvent);
    }

    /// <summary>Whether the model's components or the shared sinks could act on such a finding (see
    /// <see cref="IMonitoringEventSink.Accepts"/>).</summary>
    /// <param name="kind">The event kind.</param>
    /// <param name="modelName">The model.</param>
    /// <param name="severity">The severity.</param>
    /// <returns><see langword="false"/> when every sink would ignore it.</returns>
    public bool Accepts(string kind, string modelName, Severity severity) =>
        _components.Accepts(kind, modelName, severity) || SharedSinks()?.Accepts(kind, modelName, severity) == true;

    /// <summary>Unregisters the monitor, disposes the components (in reverse order) and the inference metrics.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _sinkRegistration.Dispose();
        _metricsPublication.Dispose();
        IDisposable[] owned;
        lock (_gate)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        for (int i = owned.Length - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }

        Inference.Dispose();
    }

    private CompositeModelSink? SharedSinks()
    {
        var shared = Volatile.Read(ref _sharedSinks);
        if (shared is not null || Volatile.Read(ref _sharedSinkSource) is not { } source)
        {
            return shared;
        }

        lock (_gate)
        {
            if (_sharedSinks is null)
            {
                var sinks = new CompositeModelSink(Name);
                foreach (var sink in source())
                {
                    sinks.Add(null, null, sink);
                }

                Volatile.Write(ref _sharedSinks, sinks);
            }

            return _sharedSinks;
        }
    }
}
