using System.Diagnostics.Metrics;
using System.Globalization;
using MlObservability.Concurrency;
using MlObservability.Diagnostics;

namespace MlObservability.Drift.Streaming;

/// <summary>
/// Runs one <see cref="IChangeDetector"/> on one stream of a model (confidence, latency, error indicator) off the
/// inference thread: <see cref="Record"/> only queues the value (lock-free, allocation-free, never throws; values
/// beyond the queue's capacity are dropped and counted), and <see cref="Evaluate"/>, called by background evaluation,
/// feeds the queued values to the detector in order, exports its state (<c>ml.drift.stream.*</c>) and raises a
/// <c>drift.stream</c> event: the configured severity when a change was signalled since the last evaluation,
/// <see cref="Severity.None"/> otherwise.
/// </summary>
public sealed class StreamingDriftMonitor : IMonitoringEvaluator, IDisposable
{
    private readonly string _modelName;
    private readonly string _modelVersion;
    private readonly IChangeDetector _detector;
    private readonly BoundedWorkQueue<double> _queue;
    private readonly IMonitoringEventSink? _sink;
    private readonly Severity _changeSeverity;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _labels;
    private long _dropped;
    private long _nonFinite;
    private long _evaluated;
    private long _changes;
    private double _statistic = double.NaN;
    private double _mean = double.NaN;
    private bool _disposed;

    /// <summary>Creates a monitor and registers its instruments.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version (may be empty).</param>
    /// <param name="stream">What the values are, as a tag value: for example <c>confidence</c>, <c>latency</c>,
    /// <c>error</c>.</param>
    /// <param name="detector">The detector, owned by this monitor from now on.</param>
    /// <param name="options">Queue size and severity; defaults when <see langword="null"/>.</param>
    /// <param name="sink">Where events go (the alert engine); none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A name is empty or an option out of range.</exception>
    public StreamingDriftMonitor(string modelName, string modelVersion, string stream, IChangeDetector detector, StreamingDriftMonitorOptions? options = null, IMonitoringEventSink? sink = null)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        Guard.NotNull(modelVersion);
        Guard.NotNullOrWhiteSpace(stream);
        Guard.NotNull(detector);
        options ??= new StreamingDriftMonitorOptions();
        options.Validate();
        _modelName = modelName;
        _modelVersion = modelVersion;
        Stream = stream;
        _detector = detector;
        _queue = new BoundedWorkQueue<double>(options.QueueCapacity);
        _changeSeverity = options.ChangeSeverity;
        _sink = sink;
        _labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["method"] = detector.Method, ["stream"] = stream };
        Tags =
        [
            new(SemanticConventions.ModelName, modelName),
            new(SemanticConventions.ModelVersion, modelVersion),
            new(SemanticConventions.DriftMethod, detector.Method),
            new(StreamingDriftInstruments.StreamTag, stream),
        ];
        StreamingDriftInstruments.Register(this);
    }

    /// <summary>The stream's tag value.</summary>
    public string Stream { get; }

    /// <summary>The detector (read its state only from the evaluating thread).</summary>
    public IChangeDetector Detector => _detector;

    /// <inheritdoc/>
    public string EvaluatorName => $"stream:{_detector.Method}:{Stream}";

    /// <summary>Changes signalled so far.</summary>
    public long Changes => Volatile.Read(ref _changes);

    /// <summary>Values dropped because the queue was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Values fed to the detector so far.</summary>
    public long Evaluated => Volatile.Read(ref _evaluated);

    internal KeyValuePair<string, object?>[] Tags { get; }

    internal double LastStatistic => Volatile.Read(ref _statistic);

    internal double LastMean => Volatile.Read(ref _mean);

    internal double DetectorThreshold => _detector.Threshold;

    /// <summary>Queues one value of the stream; O(1), lock-free, allocation-free, never throws.</summary>
    /// <param name="value">The value; NaN and infinities are counted and not queued.</param>
    public void Record(double value)
    {
        if (!double.IsFinite(value))
        {
            Interlocked.Increment(ref _nonFinite);
            return;
        }

        if (!_queue.TryEnqueue(value))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Feeds the queued values to the detector and raises one <c>drift.stream</c> event.</summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now)
    {
        long changes = 0;
        long fed = 0;
        double meanAtChange = double.NaN;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            while (_queue.TryDequeue(out var value))
            {
                fed++;
                if (_detector.Update(value))
                {
                    changes++;
                    meanAtChange = _detector.Mean;
                }
            }

            Volatile.Write(ref _statistic, _detector.Statistic);
            Volatile.Write(ref _mean, _detector.Mean);
            Interlocked.Add(ref _evaluated, fed);
            Interlocked.Add(ref _changes, changes);
        }

        var severity = changes > 0 ? _changeSeverity : Severity.None;
        var threshold = _detector.Threshold;
        DetectorEventPublisher.Publish(_sink, EvaluatorName, new MonitoringEvent
        {
            Kind = StreamingDriftInstruments.EventKind,
            ModelName = _modelName,
            ModelVersion = _modelVersion,
            Severity = severity,
            Value = changes,
            Threshold = double.IsNaN(threshold) ? null : threshold,
            Labels = _labels,
            Summary = changes > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{_detector.Method} signalled {changes} change(s) in the {Stream} stream of {_modelName} among {fed} values (mean now {meanAtChange:G4}).")
                : string.Create(CultureInfo.InvariantCulture, $"{_detector.Method}: no change in the {Stream} stream of {_modelName} among {fed} values."),
            Timestamp = now,
        });
    }

    /// <summary>Unregisters the instruments.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        StreamingDriftInstruments.Unregister(this);
    }

    internal IEnumerable<Measurement<long>> ObserveValues()
    {
        yield return new Measurement<long>(Evaluated, [.. Tags, new(DriftInstruments.RowOutcomeTag, "evaluated")]);
        yield return new Measurement<long>(Dropped, [.. Tags, new(DriftInstruments.RowOutcomeTag, "dropped")]);
        yield return new Measurement<long>(Volatile.Read(ref _nonFinite), [.. Tags, new(DriftInstruments.RowOutcomeTag, "non_finite")]);
    }
}
