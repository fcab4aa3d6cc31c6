using System.Collections.Concurrent;
using MlObservability.Concurrency;
using MlObservability.Diagnostics;
using MlObservability.Histograms;
using MlObservability.Inference;
using MlObservability.Quality;

namespace MlObservability.Challengers;

/// <summary>
/// A challenger model version in shadow beside the serving (champion) one. A configurable share of requests is also
/// scored by the challenger, off the request's critical path: the inference thread only enqueues the input into a
/// bounded lock-free queue (<see cref="TryShadow"/>); a background worker scores it, records the challenger's RED
/// metrics and quality under its own version, and keeps the pair of predictions for the late label. The response never
/// waits for the challenger and never sees its result.
/// </summary>
/// <remarks>
/// <para>
/// Call <see cref="Evaluate"/> on a schedule (the hosting evaluation loop does when the shadow is a component of the
/// champion's <see cref="ModelMonitor"/>): it compares the two versions on the labelled pairs (accuracy difference,
/// McNemar's test), reports the label-free disagreement rate and latency quantiles, exports <c>ml.challenger.*</c> and
/// publishes <see cref="BetterEventKind"/> and <see cref="WorseEventKind"/> events.
/// </para>
/// <para>
/// Lost work is counted, never silent: a full queue (<see cref="ShadowDropReason.QueueFull"/>), a challenger that throws,
/// a full or expired store of pairs waiting for labels.
/// </para>
/// </remarks>
/// <typeparam name="TInput">
/// What the challenger scores. The shadow keeps the reference until the worker runs: pass an input the caller does not
/// reuse or mutate afterwards (a fresh array per request, an immutable record).
/// </typeparam>
public sealed partial class ChallengerShadow<TInput> : IMonitoringEvaluator, IDisposable
{
    /// <summary>The <see cref="MonitoringEvent.Kind"/> raised (Info) while the challenger is significantly better.</summary>
    public const string BetterEventKind = "challenger.better";

    /// <summary>The <see cref="MonitoringEvent.Kind"/> raised (Warning) while the challenger is significantly worse.</summary>
    public const string WorseEventKind = "challenger.worse";

    /// <summary>The event label that carries the challenger's version.</summary>
    public const string ChallengerVersionLabel = "challenger_version";

    private readonly Func<TInput, ShadowPrediction> _challenger;
    private readonly ShadowOptions _options;
    private readonly TimeProvider _time;
    private readonly IMonitoringEventSink? _events;
    private readonly ModelMonitor? _champion;
    private readonly BoundedWorkQueue<ShadowWork<TInput>> _queue;
    private readonly ConcurrentDictionary<string, PendingPair> _pending = new(StringComparer.Ordinal);
    private readonly ShadowCounters _counters;
    private readonly LogHistogram _championLatency = new(LogHistogramOptions.Latency);
    private readonly LogHistogram _challengerLatency = new(LogHistogramOptions.Latency);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread? _worker;
    private double _share;
    private int _pendingCount;
    private int _disposed;

    /// <summary>Creates the shadow and starts its background worker.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>) both versions share.</param>
    /// <param name="championVersion">The serving version (tag <c>ml.model.version</c> of the comparison).</param>
    /// <param name="challengerVersion">The challenger's version (its own metrics and quality are tagged with it).</param>
    /// <param name="challenger">Scores one input with the challenger; called on the background worker only.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    /// <param name="events">Receives the comparison events (for example the champion's <see cref="ModelMonitor"/>, which
    /// forwards them to the alert engine and a <see cref="Routing.ModelRouter{TModel}"/>); none when <see langword="null"/>.</param>
    /// <param name="championMonitor">The champion's monitor: <see cref="RecordGroundTruth"/> forwards each label to it too,
    /// so one call feeds both versions; none when <see langword="null"/>.</param>
    /// <param name="challengerQuality">Settings of the challenger's own quality monitor (use the champion's class labels);
    /// by default every shadowed prediction waits for its label (sampling rate 1).</param>
    /// <param name="timeProvider">The clock of pair expiry; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message says which.</exception>
    public ChallengerShadow(string modelName, string championVersion, string challengerVersion, Func<TInput, ShadowPrediction> challenger,
        ShadowOptions? options = null, IMonitoringEventSink? events = null, ModelMonitor? championMonitor = null,
        QualityMonitorOptions? challengerQuality = null, TimeProvider? timeProvider = null)
        : this(modelName, championVersion, challengerVersion, challenger, options, events, championMonitor, startWorker: true, challengerQuality, timeProvider)
    {
    }

    /// <summary>Creates the shadow; tests pass <paramref name="startWorker"/> false and drain with <see cref="ProcessQueued"/>.</summary>
    internal ChallengerShadow(string modelName, string championVersion, string challengerVersion, Func<TInput, ShadowPrediction> challenger,
        ShadowOptions? options, IMonitoringEventSink? events, ModelMonitor? championMonitor, bool startWorker,
        QualityMonitorOptions? challengerQuality = null, TimeProvider? timeProvider = null)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(championVersion);
        Guard.NotNullOrWhiteSpace(challengerVersion);
        ArgumentNullException.ThrowIfNull(challenger);
        if (string.Equals(championVersion, challengerVersion, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The challenger's version '{challengerVersion}' must differ from the champion's: both record metrics under their own version.", nameof(challengerVersion));
        }

        _options = options ?? new ShadowOptions();
        _options.Validate();
        _challenger = challenger;
        _events = events;
        _champion = championMonitor;
        _time = timeProvider ?? TimeProvider.System;
        _share = _options.Share;
        _queue = new BoundedWorkQueue<ShadowWork<TInput>>(_options.QueueCapacity);
        ModelName = modelName;
        ChampionVersion = championVersion;
        ChallengerVersion = challengerVersion;
        ChallengerQuality = new QualityMonitor(modelName, challengerVersion,
            challengerQuality ?? new QualityMonitorOptions { Sampling = new GroundTruthSamplingOptions { Rate = 1 }, TimeProvider = timeProvider });
        ChallengerInference = new InferenceMetrics(modelName, challengerVersion, "shadow");
        _counters = new ShadowCounters(modelName, championVersion, challengerVersion);
        ChallengerInstruments.Live.Add(_counters);
        if (startWorker)
        {
            _worker = new Thread(RunWorker) { IsBackground = true, Name = $"MlObservability shadow {modelName}/{challengerVersion}" };
            _worker.Start();
        }
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The champion's version.</summary>
    public string ChampionVersion { get; }

    /// <summary>The challenger's version.</summary>
    public string ChallengerVersion { get; }

    /// <inheritdoc/>
    public string EvaluatorName => "challenger:" + ModelName + "/" + ChallengerVersion;

    /// <summary>The challenger's quality monitor (its own predictions, joined to the same late labels by request id).</summary>
    public QualityMonitor ChallengerQuality { get; }

    /// <summary>The challenger's RED metrics (endpoint <c>shadow</c>, version <see cref="ChallengerVersion"/>).</summary>
    public InferenceMetrics ChallengerInference { get; }

    /// <summary>The share of requests shadowed, in [0, 1]; settable at run time.</summary>
    public double Share
    {
        get => Volatile.Read(ref _share);
        set
        {
            Guard.InRange(value, 0.0, 1.0, nameof(Share));
            Volatile.Write(ref _share, value);
        }
    }

    /// <summary>Requests the challenger scored.</summary>
    public long ScoredCount => _counters.Scored;

    /// <summary>Shadowed requests waiting for the worker.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>Labels that found no pair (not shadowed, dropped, or expired).</summary>
    public long UnpairedLabelCount => _counters.UnpairedLabels;

    /// <summary>The latest comparison (see <see cref="Evaluate"/>).</summary>
    public ChallengerComparisonReport LatestReport => _counters.Report;

    /// <summary>How many shadowed requests were lost for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long DroppedCount(ShadowDropReason reason) => _counters.Dropped(reason);

    /// <summary>Whether the request is chosen for shadowing at the current <see cref="Share"/>. Allocation-free.</summary>
    /// <param name="requestId">The request id; chosen at random when <see langword="null"/> or when sampling is random.</param>
    /// <returns><see langword="true"/> when the challenger should score it.</returns>
    public bool IsSelected(string? requestId)
    {
        double share = Volatile.Read(ref _share);
        if (share <= 0)
        {
            return false;
        }

        if (share >= 1)
        {
            return true;
        }

        return requestId is not null && _options.Sampling == ShadowSampling.DeterministicByRequestId && requestId.Length <= RequestIdHash.MaxRequestIdLength
            ? RequestIdHash.UnitInterval(requestId) < share
            : Random.Shared.NextDouble() < share;
    }

    /// <summary>
    /// On the inference thread, after the champion answered: enqueues the request for the challenger when it is chosen
    /// (<see cref="IsSelected"/>). Lock-free, allocation-free, never blocks, never throws; a full queue drops the request
    /// and counts it (<see cref="ShadowDropReason.QueueFull"/>).
    /// </summary>
    /// <param name="requestId">The request id the labels will carry; pairs are kept only for requests with an id.</param>
    /// <param name="input">The input the champion scored (not reused or mutated by the caller afterwards).</param>
    /// <param name="championClass">The class the champion predicted.</param>
    /// <param name="championSeconds">The champion's latency in seconds, for the latency comparison; NaN when unknown.</param>
    /// <returns><see langword="true"/> when the request was enqueued.</returns>
    public bool TryShadow(string? requestId, TInput input, int championClass, double championSeconds = double.NaN)
    {
        if (Volatile.Read(ref _disposed) != 0 || !IsSelected(requestId))
        {
            return false;
        }

        if (_queue.TryEnqueue(new ShadowWork<TInput>(requestId, input, championClass, championSeconds)))
        {
            return true;
        }

        _counters.Drop(ShadowDropReason.QueueFull);
        return false;
    }

    /// <summary>Stops the worker, unregisters the instruments and disposes the challenger's monitors.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _worker?.Join();
        ChallengerInstruments.Live.Remove(_counters);
        ChallengerQuality.Dispose();
        ChallengerInference.Dispose();
        _stop.Dispose();
    }
}
