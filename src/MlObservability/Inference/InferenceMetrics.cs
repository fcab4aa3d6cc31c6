using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using MlObservability.Cardinality;
using MlObservability.Diagnostics;
using MlObservability.Histograms;
using MlObservability.Quality;

namespace MlObservability.Inference;

/// <summary>
/// RED metrics (rate, errors, duration) of one model endpoint, with its tags bound once. Publishes
/// <c>ml.inference.requests</c>, <c>ml.inference.errors</c>, <c>ml.inference.duration</c>, <c>ml.inference.active</c>,
/// <c>ml.inference.batch.size</c> and <c>ml.inference.duration.quantile</c>, and keeps a sliding-window
/// <see cref="LogHistogram"/> of latencies for SLOs and alert rules.
/// </summary>
/// <remarks>
/// Recording never throws and never allocates: a negative, NaN or infinite duration, a start timestamp that no
/// <see cref="Start"/> returned (zero or negative), and a duration above <see cref="InferenceMetricsOptions.MaxDurationSeconds"/>
/// are counted in <see cref="InvalidCount"/> and on <c>ml.inference.invalid</c>, and dropped. Error types beyond <see cref="InferenceMetricsOptions.MaxErrorTypes"/> are
/// tagged <c>other</c>.
/// <para>
/// <c>ml.inference.requests</c> and <c>ml.inference.active</c> are observed from striped counts at collection time.
/// <c>ml.inference.duration</c> and <c>ml.inference.batch.size</c> stay synchronous OpenTelemetry histograms with the
/// same buckets and tags, fed from per-thread buffers: one thread at a time per histogram replays every buffer, exact
/// value by exact value, each time a thread fills a block of 64 calls and whenever a listener collects (every export or scrape), so
/// threads recording at once do not contend on the histograms' per-series lock. A
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> that never calls
/// <see cref="System.Diagnostics.Metrics.MeterListener.RecordObservableInstruments"/> receives durations in blocks.
/// </para>
/// </remarks>
public sealed class InferenceMetrics : IDisposable
{
    private const int SuccessCell = 0;
    private const int ErrorCell = 1;
    private const int CancelledCell = 2;
    private const int ActiveCell = 3;
    private readonly KeyValuePair<string, object?>[] _baseTags;
    private readonly KeyValuePair<string, object?>[][] _outcomeTags;
    private readonly KeyValuePair<string, object?>[]?[] _errorTags;
    private readonly BoundedLabelSet _errorTypes;
    private readonly SlidingWindowHistogram _latency;
    private readonly InferenceMeasurementBuffer _histogramBuffer;
    private readonly IReadOnlyList<double> _quantiles;
    private IInferenceObserver[] _observers = [];

    // Calls by outcome and in flight, striped per core (StripedCounters): threads recording at once touch their own
    // cache lines, not one shared word (issue 16, target 4).
    private readonly StripedCounters _counts = new(4);
    private readonly double _maxDuration;
    private long _invalid;
    private long _tooLong;
    private int _disposed;

    /// <summary>Creates the metrics of one model endpoint and registers its observable instruments.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="modelVersion">The model version (tag <c>ml.model.version</c>); empty when unknown.</param>
    /// <param name="endpoint">The endpoint or operation (tag <c>ml.endpoint</c>); empty when unknown.</param>
    /// <param name="options">Window and cardinality settings; defaults when <see langword="null"/>.</param>
    public InferenceMetrics(string modelName, string? modelVersion = null, string? endpoint = null, InferenceMetricsOptions? options = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        ModelVersion = modelVersion ?? string.Empty;
        Endpoint = endpoint ?? string.Empty;
        options ??= new InferenceMetricsOptions();
        options.Validate();
        _quantiles = options.ExportedQuantiles.ToArray();
        _maxDuration = options.MaxDurationSeconds;
        _baseTags =
        [
            new(SemanticConventions.ModelName, ModelName),
            new(SemanticConventions.ModelVersion, ModelVersion),
            new(SemanticConventions.Endpoint, Endpoint),
        ];
        _outcomeTags = new KeyValuePair<string, object?>[3][];
        foreach (InferenceOutcome outcome in Enum.GetValues<InferenceOutcome>())
        {
            _outcomeTags[(int)outcome] = [.. _baseTags, new(SemanticConventions.Outcome, OutcomeName(outcome))];
        }

        _errorTypes = new BoundedLabelSet(options.MaxErrorTypes, nameof(InferenceMetrics), $"error types of {ModelName}");
        _errorTags = new KeyValuePair<string, object?>[]?[options.MaxErrorTypes + 1];
        _latency = new SlidingWindowHistogram(options.LatencyWindow, options.LatencySubWindows, options.LatencyHistogram, options.TimeProvider);
        _histogramBuffer = new InferenceMeasurementBuffer(_baseTags, _outcomeTags);
        InferenceInstruments.Live.Add(this);
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The model version (empty when unknown).</summary>
    public string ModelVersion { get; }

    /// <summary>The endpoint (empty when unknown).</summary>
    public string Endpoint { get; }

    /// <summary>Latencies of successful calls over the sliding window, in seconds.</summary>
    public SlidingWindowHistogram Latency => _latency;

    /// <summary>Calls completed since creation, all outcomes.</summary>
    public long RequestCount => _counts.Read(SuccessCell) + _counts.Read(ErrorCell) + _counts.Read(CancelledCell);

    /// <summary>Calls that failed since creation.</summary>
    public long ErrorCount => _counts.Read(ErrorCell);

    /// <summary>Calls cancelled since creation.</summary>
    public long CancelledCount => _counts.Read(CancelledCell);

    /// <summary>
    /// Recordings dropped because the duration was negative, NaN, infinite or above
    /// <see cref="InferenceMetricsOptions.MaxDurationSeconds"/>, or the start timestamp was zero or negative.
    /// </summary>
    public long InvalidCount => Interlocked.Read(ref _invalid) + Interlocked.Read(ref _tooLong);

    /// <summary>Calls in flight now (started with <see cref="Start"/> and not yet recorded).</summary>
    public long ActiveCount => Math.Max(0, _counts.Read(ActiveCell));

    /// <summary>The tags every instrument of this endpoint carries (model name, version, endpoint).</summary>
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags => _baseTags;

    /// <summary>
    /// Marks a call as started (in-flight gauge) and returns a timestamp to pass to one of the <c>Record</c> overloads
    /// that take a start timestamp.
    /// </summary>
    /// <returns>A <see cref="Stopwatch"/> timestamp.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Start()
    {
        _counts.Increment(ActiveCell);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Ends a call started with <see cref="Start"/> successfully.</summary>
    /// <param name="startTimestamp">The value <see cref="Start"/> returned.</param>
    /// <param name="batchSize">Items in the call.</param>
    public void RecordSuccess(long startTimestamp, int batchSize = 1) =>
        Complete(startTimestamp, InferenceOutcome.Success, null, batchSize);

    /// <summary>Ends a call started with <see cref="Start"/> with an error.</summary>
    /// <param name="startTimestamp">The value <see cref="Start"/> returned.</param>
    /// <param name="errorType">The error type, for example the exception type name or an error code.</param>
    /// <param name="batchSize">Items in the call.</param>
    public void RecordError(long startTimestamp, string errorType, int batchSize = 1) =>
        Complete(startTimestamp, InferenceOutcome.Error, errorType, batchSize);

    /// <summary>Ends a call started with <see cref="Start"/> as cancelled (not an error).</summary>
    /// <param name="startTimestamp">The value <see cref="Start"/> returned.</param>
    /// <param name="batchSize">Items in the call.</param>
    public void RecordCancelled(long startTimestamp, int batchSize = 1) =>
        Complete(startTimestamp, InferenceOutcome.Cancelled, null, batchSize);

    /// <summary>Records a completed call whose duration was measured elsewhere (no in-flight tracking).</summary>
    /// <param name="durationSeconds">
    /// Duration in seconds; negative, NaN, infinite values and values above <see cref="InferenceMetricsOptions.MaxDurationSeconds"/>
    /// are counted as invalid and dropped.
    /// </param>
    /// <param name="outcome">How the call ended.</param>
    /// <param name="errorType">The error type when <paramref name="outcome"/> is <see cref="InferenceOutcome.Error"/>.</param>
    /// <param name="batchSize">Items in the call.</param>
    public void Record(double durationSeconds, InferenceOutcome outcome = InferenceOutcome.Success, string? errorType = null, int batchSize = 1)
    {
        if (!(durationSeconds >= 0) || double.IsPositiveInfinity(durationSeconds) || (uint)outcome > (uint)InferenceOutcome.Cancelled)
        {
            Interlocked.Increment(ref _invalid);
            return;
        }

        if (durationSeconds > _maxDuration)
        {
            Interlocked.Increment(ref _tooLong);
            return;
        }

        if (batchSize < 1)
        {
            batchSize = 1;
        }

        // ml.inference.requests and ml.inference.active are observable instruments over these counts (see
        // InferenceInstruments): a synchronous measurement would only repeat them, at ~50 ns each with a listener on.
        // The two histograms are fed from per-thread buffers (InferenceMeasurementBuffer), not one call at a time.
        if (InferenceInstruments.Duration.Enabled || InferenceInstruments.BatchSize.Enabled)
        {
            _histogramBuffer.Record(durationSeconds, outcome, batchSize);
        }

        switch (outcome)
        {
            case InferenceOutcome.Success:
                _counts.Increment(SuccessCell);
                _latency.Record(durationSeconds);
                break;
            case InferenceOutcome.Error:
                _counts.Increment(ErrorCell);
                InferenceInstruments.Errors.Add(1, ErrorTags(errorType));
                break;
            default:
                _counts.Increment(CancelledCell);
                break;
        }

        var observers = Volatile.Read(ref _observers);
        if (observers.Length > 0)
        {
            Notify(observers, new InferenceRecord(durationSeconds, outcome, batchSize, outcome == InferenceOutcome.Error ? errorType ?? "unknown" : null));
        }
    }

    /// <summary>
    /// Subscribes an observer to every recorded inference (SLO trackers, alert rules). Dispose the result to unsubscribe.
    /// </summary>
    /// <param name="observer">The observer; called on the recording thread.</param>
    /// <returns>A handle that unsubscribes when disposed.</returns>
    public IDisposable Subscribe(IInferenceObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_baseTags)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Unregisters the observable instruments and stops the latency window.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            InferenceInstruments.Live.Remove(this);
            _histogramBuffer.ReplayAll();
            _latency.Dispose();
        }
    }

    internal IEnumerable<Measurement<double>> ObserveQuantiles()
    {
        var snapshot = _latency.GetSnapshot();
        if (snapshot.Count == 0)
        {
            yield break;
        }

        foreach (double q in _quantiles)
        {
            yield return new Measurement<double>(
                snapshot.GetQuantile(q),
                [.. _baseTags, new(SemanticConventions.Quantile, q.ToString(CultureInfo.InvariantCulture))]);
        }
    }

    /// <summary>Durations and batch sizes recorded but not yet handed to the OpenTelemetry histograms.</summary>
    internal InferenceMeasurementBuffer HistogramBuffer => _histogramBuffer;

    /// <summary>The calls completed so far by outcome (<see cref="InferenceOutcome"/> order) and the calls in flight.</summary>
    internal (long Success, long Error, long Cancelled, long Active) ReadCounts() =>
        (_counts.Read(SuccessCell), _counts.Read(ErrorCell), _counts.Read(CancelledCell), Math.Max(0, _counts.Read(ActiveCell)));

    internal IEnumerable<Measurement<long>> ObserveInvalid()
    {
        yield return new Measurement<long>(Interlocked.Read(ref _invalid), [.. _baseTags, new(InferenceInstruments.ReasonTag, "invalid_duration")]);
        yield return new Measurement<long>(Interlocked.Read(ref _tooLong), [.. _baseTags, new(InferenceInstruments.ReasonTag, "duration_above_max")]);
    }

    private static string OutcomeName(InferenceOutcome outcome) => outcome switch
    {
        InferenceOutcome.Success => "success",
        InferenceOutcome.Error => "error",
        _ => "cancelled",
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Complete(long startTimestamp, InferenceOutcome outcome, string? errorType, int batchSize)
    {
        _counts.Add(ActiveCell, -1);
        if (startTimestamp <= 0)
        {
            // Not a value Start returned (Stopwatch timestamps are positive): the elapsed time would be the machine's uptime.
            Interlocked.Increment(ref _invalid);
            return;
        }

        Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, outcome, errorType, batchSize);
    }

    private KeyValuePair<string, object?>[] ErrorTags(string? errorType)
    {
        int index = _errorTypes.GetOrAdd(string.IsNullOrEmpty(errorType) ? "unknown" : errorType);
        return _errorTags[index] ??= [.. _baseTags, new(SemanticConventions.ErrorType, _errorTypes.LabelAt(index))];
    }

    private static void Notify(IInferenceObserver[] observers, InferenceRecord record)
    {
        foreach (var observer in observers)
        {
            try
            {
                observer.OnInference(record);
            }
            catch (Exception ex)
            {
                MlObservabilityEventSource.Log.BackgroundFailure(nameof(IInferenceObserver), ex);
            }
        }
    }

    private void Unsubscribe(IInferenceObserver observer)
    {
        lock (_baseTags)
        {
            _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));
        }
    }

    private sealed class Subscription(InferenceMetrics owner, IInferenceObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(observer);
            }
        }
    }
}
