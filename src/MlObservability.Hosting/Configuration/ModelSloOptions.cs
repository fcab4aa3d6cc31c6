using MlObservability.Slo;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Service-level objectives of one model (<c>MlMonitoring:Models:N:Slo</c>). The defaults are the seeds': P95 latency
/// under 500 ms, error rate under 1 %, availability 99.5 %, over a 30-day period with the SRE workbook's burn-rate pairs.
/// </summary>
public sealed class ModelSloOptions
{
    /// <summary>Whether the model gets an SLO tracker. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Latency objective threshold; no latency objective when <see langword="null"/>. Default 500 ms.</summary>
    public TimeSpan? LatencyThreshold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Share of calls that must finish within <see cref="LatencyThreshold"/> (0.95 is "P95 under the threshold"). Default 0.95.</summary>
    public double LatencyTarget { get; set; } = 0.95;

    /// <summary>Largest acceptable error rate; no error-rate objective when <see langword="null"/>. Default 0.01.</summary>
    public double? MaxErrorRate { get; set; } = 0.01;

    /// <summary>Availability target; none when <see langword="null"/>. Default 0.995.</summary>
    public double? AvailabilityTarget { get; set; } = 0.995;

    /// <summary>Throughput floor in requests per second; none when <see langword="null"/> (the default).</summary>
    public double? MinRequestsPerSecond { get; set; }

    /// <summary>The SLO period the error budget is counted over. Default 30 days.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Width of the fine time buckets burn rates are computed from. Default 1 minute.</summary>
    public TimeSpan FineBucket { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time covered by the fine buckets; must hold the longest short window. Default 6 hours.</summary>
    public TimeSpan FineSpan { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Width of the coarse buckets that cover the rest of the period. Default 1 hour.</summary>
    public TimeSpan CoarseBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The window whose burn rate forecasts when the error budget runs out (<c>ml.slo.error_budget.exhaustion</c>).
    /// Default 1 hour.</summary>
    public TimeSpan ForecastWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Burn-rate window pairs; empty means the SRE workbook's (14.4x 1h/5m and 6x 6h/30m page, 1x 3d/6h ticket).</summary>
    public IList<BurnRateWindowOptions> WindowPairs { get; } = new List<BurnRateWindowOptions>();

    /// <summary>Business outcome objectives over the model's <c>Outcomes</c> ("95 % of sessions score at least 3").</summary>
    public IList<OutcomeSloOptions> Outcomes { get; } = new List<OutcomeSloOptions>();

    internal IReadOnlyList<SloObjective> ToObjectives()
    {
        var objectives = new List<SloObjective>();
        if (LatencyThreshold is { } threshold)
        {
            objectives.Add(SloObjective.Latency("latency", threshold, LatencyTarget));
        }

        if (MaxErrorRate is { } maxErrorRate)
        {
            objectives.Add(SloObjective.ErrorRate(maxErrorRate));
        }

        if (AvailabilityTarget is { } availability)
        {
            objectives.Add(SloObjective.Availability(availability));
        }

        if (MinRequestsPerSecond is { } rps)
        {
            objectives.Add(SloObjective.Throughput(rps));
        }

        objectives.AddRange(Outcomes.Select(o => o.ToObjective()));

        return objectives;
    }

    internal SloTrackerOptions ToTrackerOptions(TimeProvider timeProvider) => new()
    {
        Period = Period,
        FineBucket = FineBucket,
        FineSpan = FineSpan,
        CoarseBucket = CoarseBucket,
        ForecastWindow = ForecastWindow,
        WindowPairs = WindowPairs.Count == 0
            ? BurnRateWindowPair.Standard
            : WindowPairs.Select(p => new BurnRateWindowPair(p.LongWindow, p.ShortWindow, p.Factor, p.Severity)).ToArray(),
        TimeProvider = timeProvider,
    };
}
