using System.Diagnostics.Metrics;
using MlObservability.Diagnostics;
using MlObservability.Inference;

namespace MlObservability.Slo;

/// <summary>
/// Tracks the service level objectives of one model: counts good and total events in time buckets (bounded memory),
/// and on <see cref="Evaluate"/> computes compliance over the SLO period, error budget remaining and multi-window
/// burn rates and the forecast of budget exhaustion, publishes them as <c>ml.slo.compliance</c>,
/// <c>ml.slo.error_budget.remaining</c>, <c>ml.slo.burn_rate</c> and <c>ml.slo.error_budget.exhaustion</c>, and raises <c>slo.burn</c> events for the alert engine.
/// </summary>
/// <remarks>
/// Subscribe the tracker to the model's <see cref="InferenceMetrics"/> (<c>metrics.Subscribe(tracker)</c>): latency,
/// error-rate, availability and throughput objectives then count every inference with no extra call; that path is
/// lock-free and allocation-free (one atomic add per objective). Feed accuracy and custom objectives with
/// <see cref="RecordEvent"/>. Events wait in one-minute buckets until <see cref="Evaluate"/> rolls them up into the
/// hourly buckets of the SLO period, so evaluate at least every <see cref="SloTrackerOptions.FineSpan"/> (6 hours;
/// the hosting package evaluates every minute).
/// </remarks>
public sealed partial class SloTracker : IInferenceObserver, IMonitoringEvaluator, IDisposable
{
    private readonly ObjectiveState[] _states;
    private readonly TimeProvider _time;
    private readonly bool _coarseClock; // the system clock: minute buckets need milliseconds, not 30 ns reads (CoarseUtcClock)
    private readonly SloTrackerOptions _options;
    private readonly IMonitoringEventSink? _sink;
    private readonly FineBucketRing _requests;
    private readonly object _evaluation = new();
    private readonly KeyValuePair<string, object?>[] _baseTags;
    private readonly string[] _windowLabels;
    private int _disposed;

    /// <summary>Creates a tracker and registers its observable instruments.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="objectives">The objectives; names must be unique.</param>
    /// <param name="modelVersion">The model version; empty when unknown.</param>
    /// <param name="options">Period, window pairs, bucket sizes and clock; defaults when <see langword="null"/>.</param>
    /// <param name="sink">Receives <c>slo.burn</c> events on each evaluation (the alert engine); optional.</param>
    public SloTracker(string modelName, IEnumerable<SloObjective> objectives, string? modelVersion = null, SloTrackerOptions? options = null, IMonitoringEventSink? sink = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        ModelVersion = modelVersion ?? string.Empty;
        _options = options ?? new SloTrackerOptions();
        _options.Validate();
        _time = _options.TimeProvider;
        _coarseClock = ReferenceEquals(_time, TimeProvider.System);
        _sink = sink;
        var list = Guard.NotNull(objectives).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException($"The SLO tracker of '{modelName}' needs at least one objective.", nameof(objectives));
        }

        var duplicate = list.GroupBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The SLO tracker of '{modelName}' has two objectives named '{duplicate.Key}'; names must be unique.", nameof(objectives));
        }

        _baseTags = [new(SemanticConventions.ModelName, ModelName), new(SemanticConventions.ModelVersion, ModelVersion)];
        _windowLabels = _options.WindowPairs
            .SelectMany(p => new[] { p.LongWindow, p.ShortWindow })
            .Distinct()
            .OrderBy(w => w)
            .Select(BurnRateWindowPair.FormatWindow)
            .ToArray();
        long now = _time.GetUtcNow().UtcTicks;
        _states = list.Select(o => new ObjectiveState(o, _options, _baseTags, _windowLabels, now)).ToArray();
        _requests = new FineBucketRing(_options.FineBucket, _options.FineSpan);
        SloInstruments.Live.Add(this);
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The model version (empty when unknown).</summary>
    public string ModelVersion { get; }

    /// <inheritdoc/>
    public string EvaluatorName => "slo:" + ModelName;

    /// <summary>The objectives tracked.</summary>
    public IReadOnlyList<SloObjective> Objectives => _states.Select(s => s.Objective).ToArray();

    /// <summary>The status of every objective at the last <see cref="Evaluate"/> (empty before the first).</summary>
    public IReadOnlyList<SloStatus> Statuses => _states.Select(s => s.Status).OfType<SloStatus>().ToArray();

    /// <summary>Bytes held by the time buckets of all objectives; fixed at construction.</summary>
    public long AllocatedBytes => _requests.AllocatedBytes + _states.Sum(s => s.Fine.AllocatedBytes + s.Coarse.AllocatedBytes);

    /// <summary>Events dropped because they named no objective of this tracker.</summary>
    public long UnknownObjectiveCount => Interlocked.Read(ref _unknown);

    private long _unknown;

    /// <summary>Counts one inference against the latency, error-rate, availability and throughput objectives.
    /// Lock-free and allocation-free; called by <see cref="InferenceMetrics"/>.</summary>
    /// <param name="record">The inference.</param>
    public void OnInference(in InferenceRecord record)
    {
        if (record.Outcome == InferenceOutcome.Cancelled)
        {
            return;
        }

        long now = _coarseClock ? CoarseUtcClock.UtcTicks : _time.GetUtcNow().UtcTicks;
        bool success = record.Outcome == InferenceOutcome.Success;
        int processor = Thread.GetCurrentProcessorId(); // one read for every ring's stripe
        _requests.Record(now, true, processor);
        foreach (var state in _states)
        {
            switch (state.Objective.Kind)
            {
                case SloObjectiveKind.Latency:
                    if (success)
                    {
                        state.Record(now, record.DurationSeconds <= state.LatencyThresholdSeconds, processor);
                    }

                    break;
                case SloObjectiveKind.ErrorRate:
                case SloObjectiveKind.Availability:
                    state.Record(now, success, processor);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// Records one event for an objective by name: a labelled prediction for accuracy (correct = good), a health probe
    /// for availability, any custom check. Unknown names are counted in <see cref="UnknownObjectiveCount"/> and dropped.
    /// </summary>
    /// <param name="objectiveName">The objective name.</param>
    /// <param name="good">Whether the event met the objective.</param>
    public void RecordEvent(string objectiveName, bool good)
    {
        foreach (var state in _states)
        {
            if (string.Equals(state.Objective.Name, objectiveName, StringComparison.Ordinal))
            {
                state.Record(_time.GetUtcNow().UtcTicks, good);
                return;
            }
        }

        Interlocked.Increment(ref _unknown);
        MlObservabilityEventSource.Log.SloUnknownObjective(ModelName, objectiveName ?? "(null)");
    }

    /// <summary>The status of one objective at the last evaluation, or <see langword="null"/>.</summary>
    /// <param name="objectiveName">The objective name.</param>
    /// <returns>The status.</returns>
    public SloStatus? GetStatus(string objectiveName) =>
        _states.FirstOrDefault(s => string.Equals(s.Objective.Name, objectiveName, StringComparison.Ordinal))?.Status;

    /// <summary>
    /// Computes compliance, error budget and burn rates of every objective, updates the instruments and publishes one
    /// <c>slo.burn</c> event per objective and window pair (severity of the pair when both windows burn faster than
    /// its factor, otherwise <see cref="Severity.None"/>).
    /// </summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now)
    {
        try
        {
            lock (_evaluation)
            {
                EvaluateCore(now);
            }
        }
        catch (Exception ex)
        {
            MlObservabilityEventSource.Log.BackgroundFailure(EvaluatorName, ex);
        }
    }

    private void EvaluateCore(DateTimeOffset now)
    {
        long ticks = now.UtcTicks;
        foreach (var state in _states)
        {
            if (state.Objective.Kind == SloObjectiveKind.Throughput)
            {
                state.ClassifyMinutes(_requests, ticks);
            }

            var status = state.Evaluate(ticks, now, _options);
            foreach (var pair in _options.WindowPairs)
            {
                Publish(state, status, pair, now);
            }
        }
    }

    /// <summary>Unregisters the observable instruments.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            SloInstruments.Live.Remove(this);
        }
    }

    internal IEnumerable<Measurement<double>> ObserveCompliance() =>
        _states.Where(s => s.Status is not null).Select(s => new Measurement<double>(s.Status!.Compliance, s.Tags));

    internal IEnumerable<Measurement<double>> ObserveBudget() =>
        _states.Where(s => s.Status is not null).Select(s => new Measurement<double>(s.Status!.ErrorBudgetRemaining, s.Tags));

    internal IEnumerable<Measurement<double>> ObserveExhaustion() =>
        _states.Where(s => s.Status is not null).Select(s => new Measurement<double>(s.Status!.ErrorBudgetExhaustionSeconds, s.Tags));

    /// <summary>The soonest error-budget exhaustion over all objectives at the last evaluation, in seconds; null before
    /// the first evaluation.</summary>
    internal double? SoonestExhaustionSeconds()
    {
        var statuses = Statuses;
        return statuses.Count == 0 ? null : statuses.Min(s => s.ErrorBudgetExhaustionSeconds);
    }

    internal IEnumerable<Measurement<double>> ObserveBurnRates()
    {
        foreach (var state in _states)
        {
            var status = state.Status;
            if (status is null)
            {
                continue;
            }

            for (int i = 0; i < _windowLabels.Length; i++)
            {
                yield return new Measurement<double>(status.BurnRates[_windowLabels[i]], state.WindowTags[i]);
            }
        }
    }

    private void Publish(ObjectiveState state, SloStatus status, BurnRateWindowPair pair, DateTimeOffset now)
    {
        double longRate = status.BurnRates[BurnRateWindowPair.FormatWindow(pair.LongWindow)];
        double shortRate = status.BurnRates[BurnRateWindowPair.FormatWindow(pair.ShortWindow)];
        bool burning = longRate > pair.Factor && shortRate > pair.Factor;
        var severity = burning ? pair.Severity : Severity.None;
        if (state.RememberSeverity(pair, severity))
        {
            MlObservabilityEventSource.Log.SloBurnChanged(ModelName, state.Objective.Name, pair.Label, severity.ToString());
        }

        _sink?.Publish(new MonitoringEvent
        {
            Kind = SloTags.BurnEventKind,
            ModelName = ModelName,
            ModelVersion = ModelVersion,
            Severity = severity,
            Value = Math.Min(longRate, shortRate),
            Threshold = pair.Factor,
            Labels = new Dictionary<string, string>
            {
                [SloTags.SloLabel] = state.Objective.Name,
                [SloTags.WindowLabel] = pair.Label,
            },
            Summary = $"SLO {state.Objective.Name} of {ModelName} burns its error budget at {longRate:0.##}x over {BurnRateWindowPair.FormatWindow(pair.LongWindow)} and {shortRate:0.##}x over {BurnRateWindowPair.FormatWindow(pair.ShortWindow)} (threshold {pair.Factor}x).",
            Timestamp = now,
        });
    }
}
