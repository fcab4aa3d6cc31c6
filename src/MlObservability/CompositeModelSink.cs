using System.Runtime.CompilerServices;
using MlObservability.Diagnostics;

namespace MlObservability;

/// <summary>
/// The one fan-out of a model's recordings and findings to the components that take them, in the shape of
/// OpenTelemetry .NET's <c>CompositeProcessor&lt;T&gt;</c>: feature rows to every <see cref="IModelInputSink"/>, predictions
/// to every <see cref="IModelOutputSink"/>, findings to every <see cref="IMonitoringEventSink"/>. A component that throws
/// is reported on the <c>MlObservability</c> event source (event 400) and the others still receive the call.
/// </summary>
/// <remarks>
/// Copy-on-write arrays: recording reads them with one volatile read, never locks and never allocates. Adding or removing
/// a component takes a lock and is seen by the next call.
/// </remarks>
internal sealed class CompositeModelSink(string modelName) : IModelInputSink, IModelOutputSink, IMonitoringEventSink, IModelEmbeddingSink
{
    private readonly object _gate = new();
    private IModelEmbeddingSink[] _embeddings = [];
    private long _unroutedEmbeddings;
    private IModelInputSink[] _inputs = [];
    private IModelOutputSink[] _outputs = [];
    private IMonitoringEventSink[] _events = [];

    private enum Operation
    {
        DoubleFeatures,
        FloatFeatures,
        ClassIndex,
        ClassLabel,
        ClassIndexProbabilities,
        ClassLabelProbabilities,
        Regression,
        Finding,
        Embedding,
    }

    /// <summary>Embedding vectors whose name no embedding sink takes.</summary>
    public long UnroutedEmbeddings => Interlocked.Read(ref _unroutedEmbeddings);

    /// <summary>The model the components belong to (named in self-diagnostics).</summary>
    public string ModelName { get; } = modelName;

    /// <summary>Whether any input sink is registered.</summary>
    public bool HasInputs => Volatile.Read(ref _inputs).Length > 0;

    /// <summary>Whether any output sink is registered.</summary>
    public bool HasOutputs => Volatile.Read(ref _outputs).Length > 0;

    /// <summary>Whether any sink at all is registered.</summary>
    public bool IsEmpty => !HasInputs && !HasOutputs && Volatile.Read(ref _events).Length == 0;

    /// <summary>Wires a component by the contracts it implements.</summary>
    /// <param name="component">The component.</param>
    public void Add(object component)
    {
        Add(component as IModelInputSink, component as IModelOutputSink, component as IMonitoringEventSink);
        if (component is IModelEmbeddingSink embedding and not IModelInputSink)
        {
            AddEmbedding(embedding);
        }
    }

    private void AddEmbedding(IModelEmbeddingSink embedding)
    {
        lock (_gate)
        {
            Volatile.Write(ref _embeddings, [.. _embeddings, embedding]);
        }
    }

    /// <summary>Adds sinks; <see langword="null"/> ones are ignored.</summary>
    /// <param name="input">Receives feature rows.</param>
    /// <param name="output">Receives predictions.</param>
    /// <param name="events">Receives findings.</param>
    public void Add(IModelInputSink? input, IModelOutputSink? output, IMonitoringEventSink? events)
    {
        lock (_gate)
        {
            if (input is not null)
            {
                Volatile.Write(ref _inputs, [.. _inputs, input]);
                if (input is IModelEmbeddingSink embedding)
                {
                    Volatile.Write(ref _embeddings, [.. _embeddings, embedding]);
                }
            }

            if (output is not null)
            {
                Volatile.Write(ref _outputs, [.. _outputs, output]);
            }

            if (events is not null)
            {
                Volatile.Write(ref _events, [.. _events, events]);
            }
        }
    }

    /// <summary>Removes one registration of each sink given.</summary>
    /// <param name="input">The input sink to remove.</param>
    /// <param name="output">The output sink to remove.</param>
    /// <param name="events">The event sink to remove.</param>
    public void Remove(IModelInputSink? input, IModelOutputSink? output, IMonitoringEventSink? events)
    {
        lock (_gate)
        {
            Volatile.Write(ref _inputs, Without(_inputs, input));
            Volatile.Write(ref _embeddings, Without(_embeddings, input as IModelEmbeddingSink));
            Volatile.Write(ref _outputs, Without(_outputs, output));
            Volatile.Write(ref _events, Without(_events, events));
        }
    }

    /// <inheritdoc/>
    public void RecordFeatures(ReadOnlySpan<double> features) =>
        FanOut(Volatile.Read(ref _inputs), new Call(Operation.DoubleFeatures) { Doubles = features });

    /// <inheritdoc/>
    public void RecordFeatures(ReadOnlySpan<float> features) =>
        FanOut(Volatile.Read(ref _inputs), new Call(Operation.FloatFeatures) { Floats = features });

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
        FanOut(Volatile.Read(ref _outputs), new Call(Operation.ClassIndex) { ClassIndex = predictedClass, Value = confidence, RequestId = requestId });

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
        FanOut(Volatile.Read(ref _outputs), new Call(Operation.ClassLabel) { Label = predictedLabel, Value = confidence, RequestId = requestId });

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        FanOut(Volatile.Read(ref _outputs), new Call(Operation.ClassIndexProbabilities) { ClassIndex = predictedClass, Doubles = probabilities, RequestId = requestId });

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        FanOut(Volatile.Read(ref _outputs), new Call(Operation.ClassLabelProbabilities) { Label = predictedLabel, Doubles = probabilities, RequestId = requestId });

    /// <inheritdoc/>
    public void RecordRegression(double value, string? requestId = null) =>
        FanOut(Volatile.Read(ref _outputs), new Call(Operation.Regression) { Value = value, RequestId = requestId });

    /// <inheritdoc/>
    public bool RecordEmbedding(string name, ReadOnlySpan<float> vector)
    {
        bool routed = false;
        foreach (var sink in Volatile.Read(ref _embeddings))
        {
            try
            {
                routed |= sink.RecordEmbedding(name, vector);
            }
            catch (Exception ex)
            {
                ReportFailure(sink, Operation.Embedding, ex);
            }
        }

        if (!routed)
        {
            Interlocked.Increment(ref _unroutedEmbeddings);
        }

        return routed;
    }

    /// <inheritdoc/>
    public bool Accepts(string kind, string modelName, Severity severity)
    {
        foreach (var sink in Volatile.Read(ref _events))
        {
            try
            {
                if (sink.Accepts(kind, modelName, severity))
                {
                    return true;
                }
            }
            catch (Exception ex)
            {
                ReportFailure(sink, Operation.Finding, ex);
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent) =>
        FanOut(Volatile.Read(ref _events), new Call(Operation.Finding) { Finding = monitoringEvent });

    private static T[] Without<T>(T[] sinks, T? sink)
        where T : class
    {
        int index = sink is null ? -1 : Array.IndexOf(sinks, sink);
        if (index < 0)
        {
            return sinks;
        }

        var remaining = new List<T>(sinks);
        remaining.RemoveAt(index);
        return [.. remaining];
    }

    private void FanOut<TSink>(TSink[] sinks, in Call call)
        where TSink : class
    {
        foreach (var sink in sinks)
        {
            try
            {
                call.InvokeOn(sink);
            }
            catch (Exception ex)
            {
                ReportFailure(sink, call.Operation, ex);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportFailure(object sink, Operation operation, Exception error) =>
        MlObservabilityEventSource.Log.ModelComponentFailed(ModelName, sink.GetType().Name, operation.ToString(), error);

    /// <summary>One call to fan out: the operation and its arguments, passed by reference so that spans need no copy.</summary>
    private readonly ref struct Call(Operation operation)
    {
        public Operation Operation { get; } = operation;

        public ReadOnlySpan<double> Doubles { get; init; }

        public ReadOnlySpan<float> Floats { get; init; }

        public int ClassIndex { get; init; }

        public string? Label { get; init; }

        public double Value { get; init; }

        public string? RequestId { get; init; }

        public MonitoringEvent? Finding { get; init; }

        // The fan-out passes sinks of the array that matches the operation, so the casts cannot fail.
        public void InvokeOn(object sink)
        {
            switch (Operation)
            {
                case Operation.DoubleFeatures:
                    Unsafe.As<IModelInputSink>(sink).RecordFeatures(Doubles);
                    break;
                case Operation.FloatFeatures:
                    Unsafe.As<IModelInputSink>(sink).RecordFeatures(Floats);
                    break;
                case Operation.ClassIndex:
                    Unsafe.As<IModelOutputSink>(sink).RecordClassification(ClassIndex, Value, RequestId);
                    break;
                case Operation.ClassLabel:
                    Unsafe.As<IModelOutputSink>(sink).RecordClassification(Label!, Value, RequestId);
                    break;
                case Operation.ClassIndexProbabilities:
                    Unsafe.As<IModelOutputSink>(sink).RecordClassification(ClassIndex, Doubles, RequestId);
                    break;
                case Operation.ClassLabelProbabilities:
                    Unsafe.As<IModelOutputSink>(sink).RecordClassification(Label!, Doubles, RequestId);
                    break;
                case Operation.Regression:
                    Unsafe.As<IModelOutputSink>(sink).RecordRegression(Value, RequestId);
                    break;
                default:
                    Unsafe.As<IMonitoringEventSink>(sink).Publish(Finding!);
                    break;
            }
        }
    }
}
