namespace MlObservability.Slo;

/// <summary>The counters and last status of one objective inside an <see cref="SloTracker"/>.</summary>
internal sealed class ObjectiveState
{
    private readonly Dictionary<BurnRateWindowPair, Severity> _lastSeverity = [];
    private readonly string[] _windowLabels;
    private readonly TimeSpan[] _windows;
    private long _classifiedThrough;
    private long _rolledThrough;
    private SloStatus? _status;

    public ObjectiveState(SloObjective objective, SloTrackerOptions options, KeyValuePair<string, object?>[] baseTags, string[] windowLabels, long nowTicks)
    {
        Objective = objective;
        LatencyThresholdSeconds = objective.LatencyThreshold?.TotalSeconds ?? double.PositiveInfinity;
        Fine = new FineBucketRing(options.FineBucket, options.FineSpan);
        Coarse = new CoarseBucketRing(options.CoarseBucket, options.Period);
        Tags = [.. baseTags, new(SemanticConventions.SloName, objective.Name)];
        _windowLabels = windowLabels;
        _windows = options.WindowPairs.SelectMany(p => new[] { p.LongWindow, p.ShortWindow }).Distinct().OrderBy(w => w).ToArray();
        WindowTags = windowLabels.Select(l => (KeyValuePair<string, object?>[])[.. Tags, new(SemanticConventions.SloWindow, l)]).ToArray();
        _classifiedThrough = Fine.EpochOf(nowTicks) - 1;
        _rolledThrough = Fine.EpochOf(nowTicks) - 1;
    }

    public SloObjective Objective { get; }

    public double LatencyThresholdSeconds { get; }

    public FineBucketRing Fine { get; }

    public CoarseBucketRing Coarse { get; }

    public KeyValuePair<string, object?>[] Tags { get; }

    public KeyValuePair<string, object?>[][] WindowTags { get; }

    public SloStatus? Status => Volatile.Read(ref _status);

    /// <summary>Counts one event: one atomic add on the fine ring. The evaluation pass rolls it up later.</summary>
    public void Record(long ticks, bool good) => Fine.Record(ticks, good);

    /// <summary>Counts one event in the fine ring's stripe of <paramref name="processorId"/>.</summary>
    public void Record(long ticks, bool good, int processorId) => Fine.Record(ticks, good, processorId);

    /// <summary>Throughput: classifies each complete fine bucket since the last pass as good (rate at or above the
    /// floor) or bad, and records it as one event.</summary>
    public void ClassifyMinutes(FineBucketRing requests, long nowTicks)
    {
        long current = requests.EpochOf(nowTicks);
        long first = Math.Max(_classifiedThrough + 1, current - (requests.Span.Ticks / requests.WidthTicks));
        double needed = Objective.MinRequestsPerSecond * requests.WidthTicks / TimeSpan.TicksPerSecond;
        for (long epoch = first; epoch < current; epoch++)
        {
            Record(epoch * requests.WidthTicks, requests.At(epoch).Total >= needed);
        }

        _classifiedThrough = Math.Max(_classifiedThrough, current - 1);
    }

    /// <summary>Adds every completed fine bucket not yet rolled up to the coarse ring (at most the fine span back).</summary>
    private void RollUp(long nowTicks)
    {
        long current = Fine.EpochOf(nowTicks);
        long first = Math.Max(_rolledThrough + 1, current - (Fine.Span.Ticks / Fine.WidthTicks));
        for (long epoch = first; epoch < current; epoch++)
        {
            var (g, t) = Fine.At(epoch);
            if (t > 0)
            {
                Coarse.Add(epoch * Fine.WidthTicks, g, t);
            }
        }

        _rolledThrough = Math.Max(_rolledThrough, current - 1);
    }

    /// <summary>Counts of a long window: rolled-up coarse buckets plus the current, not yet rolled, fine bucket.</summary>
    private (long Good, long Total) LongSum(long nowTicks, TimeSpan window)
    {
        var (g, t) = Coarse.Sum(nowTicks, window);
        var (cg, ct) = Fine.At(Fine.EpochOf(nowTicks));
        return (g + cg, t + ct);
    }

    public SloStatus Evaluate(long nowTicks, DateTimeOffset now, SloTrackerOptions options)
    {
        RollUp(nowTicks);
        var (good, total) = LongSum(nowTicks, options.Period);
        double compliance = total == 0 ? 1 : (double)good / total;
        double budget = Objective.ErrorBudget;
        double remaining = total == 0 ? 1 : 1 - ((1 - compliance) / budget);
        var rates = new Dictionary<string, double>(_windows.Length, StringComparer.Ordinal);
        for (int i = 0; i < _windows.Length; i++)
        {
            var (g, t) = _windows[i] <= Fine.Span ? Fine.Sum(nowTicks, _windows[i]) : LongSum(nowTicks, _windows[i]);
            rates[_windowLabels[i]] = t == 0 ? 0 : ((double)(t - g) / t) / budget;
        }

        var (fg, ft) = options.ForecastWindow <= Fine.Span ? Fine.Sum(nowTicks, options.ForecastWindow) : LongSum(nowTicks, options.ForecastWindow);
        double forecastRate = ft == 0 ? 0 : ((double)(ft - fg) / ft) / budget;
        double exhaustion = Exhaustion(remaining, forecastRate, options.Period);
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
            ErrorBudgetExhaustionSeconds = exhaustion,
            ForecastBurnRate = forecastRate,
            Severity = severity,
            EvaluatedAt = now,
        };
        Volatile.Write(ref _status, status);
        return status;
    }

    /// <summary>Seconds until the budget is spent at <paramref name="burnRate"/> (1 spends a whole budget in one period):
    /// zero when nothing is left, infinity when nothing burns.</summary>
    internal static double Exhaustion(double remaining, double burnRate, TimeSpan period) =>
        remaining <= 0 ? 0 : burnRate <= 0 ? double.PositiveInfinity : remaining * period.TotalSeconds / burnRate;

    /// <summary>Stores the pair's severity; true when it changed.</summary>
    public bool RememberSeverity(BurnRateWindowPair pair, Severity severity)
    {
        bool changed = !_lastSeverity.TryGetValue(pair, out var last) ? severity != Severity.None : last != severity;
        _lastSeverity[pair] = severity;
        return changed;
    }
}
