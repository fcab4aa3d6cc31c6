namespace MlObservability.Slo;

/// <summary>The counters and last status of one objective inside an <see cref="SloTracker"/>.</summary>
internal sealed class ObjectiveState
{
    private readonly Dictionary<BurnRateWindowPair, Severity> _lastSeverity = [];
    private readonly string[] _windowLabels;
    private readonly TimeSpan[] _windows;
    private long _classifiedThrough;
    private SloStatus? _status;

    public ObjectiveState(SloObjective objective, SloTrackerOptions options, KeyValuePair<string, object?>[] baseTags, string[] windowLabels, long nowTicks)
    {
        Objective = objective;
        LatencyThresholdSeconds = objective.LatencyThreshold?.TotalSeconds ?? double.PositiveInfinity;
        Fine = new TimeBucketRing(options.FineBucket, options.FineSpan);
        Coarse = new TimeBucketRing(options.CoarseBucket, options.Period);
        Tags = [.. baseTags, new(SloTags.SloName, objective.Name)];
        _windowLabels = windowLabels;
        _windows = options.WindowPairs.SelectMany(p => new[] { p.LongWindow, p.ShortWindow }).Distinct().OrderBy(w => w).ToArray();
        WindowTags = windowLabels.Select(l => (KeyValuePair<string, object?>[])[.. Tags, new(SloTags.Window, l)]).ToArray();
        _classifiedThrough = Fine.EpochOf(nowTicks) - 1;
    }

    public SloObjective Objective { get; }

    public double LatencyThresholdSeconds { get; }

    public TimeBucketRing Fine { get; }

    public TimeBucketRing Coarse { get; }

    public KeyValuePair<string, object?>[] Tags { get; }

    public KeyValuePair<string, object?>[][] WindowTags { get; }

    public SloStatus? Status => Volatile.Read(ref _status);

    public void Record(long ticks, bool good)
    {
        Fine.Record(ticks, good);
        Coarse.Record(ticks, good);
    }

    /// <summary>Throughput: classifies each complete fine bucket since the last pass as good (rate at or above the
    /// floor) or bad, and records it as one event.</summary>
    public void ClassifyMinutes(TimeBucketRing requests, long nowTicks)
    {
        long current = requests.EpochOf(nowTicks);
        long first = Math.Max(_classifiedThrough + 1, current - (long)(requests.Span.Ticks / requests.BucketWidth.Ticks));
        double needed = Objective.MinRequestsPerSecond * requests.BucketWidth.TotalSeconds;
        for (long epoch = first; epoch < current; epoch++)
        {
            long at = epoch * requests.BucketWidth.Ticks;
            Record(at, requests.TotalAt(epoch) >= needed);
        }

        _classifiedThrough = Math.Max(_classifiedThrough, current - 1);
    }

    public SloStatus Evaluate(long nowTicks, DateTimeOffset now, SloTrackerOptions options)
    {
        var (good, total) = Coarse.Sum(nowTicks, options.Period);
        double compliance = total == 0 ? 1 : (double)good / total;
        double budget = Objective.ErrorBudget;
        double remaining = total == 0 ? 1 : 1 - ((1 - compliance) / budget);
        var rates = new Dictionary<string, double>(_windows.Length, StringComparer.Ordinal);
        for (int i = 0; i < _windows.Length; i++)
        {
            var ring = _windows[i] <= Fine.Span ? Fine : Coarse;
            var (g, t) = ring.Sum(nowTicks, _windows[i]);
            rates[_windowLabels[i]] = t == 0 ? 0 : ((double)(t - g) / t) / budget;
        }

        var severity = Severity.None;
        foreach (var pair in options.WindowPairs)
        {
            if (rates[BurnRateWindowPair.FormatWindow(pair.LongWindow)] > pair.Factor
                && rates[BurnRateWindowPair.FormatWindow(pair.ShortWindow)] > pair.Factor
                && pair.Severity > severity)
            {
                severity = pair.Severity;
            }
        }

        var status = new SloStatus
        {
            Objective = Objective,
            Good = good,
            Total = total,
            Compliance = compliance,
            ErrorBudgetRemaining = remaining,
            BurnRates = rates,
            Severity = severity,
            EvaluatedAt = now,
        };
        Volatile.Write(ref _status, status);
        return status;
    }

    /// <summary>Stores the pair's severity; true when it changed.</summary>
    public bool RememberSeverity(BurnRateWindowPair pair, Severity severity)
    {
        bool changed = !_lastSeverity.TryGetValue(pair, out var last) ? severity != Severity.None : last != severity;
        _lastSeverity[pair] = severity;
        return changed;
    }
}
