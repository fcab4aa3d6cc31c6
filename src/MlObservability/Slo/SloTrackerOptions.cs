namespace MlObservability.Slo;

/// <summary>Settings of an <see cref="SloTracker"/>.</summary>
public sealed class SloTrackerOptions
{
    /// <summary>The SLO period over which compliance and the error budget are computed; 30 days by default.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The multi-window burn-rate pairs; <see cref="BurnRateWindowPair.Standard"/> by default.</summary>
    public IReadOnlyList<BurnRateWindowPair> WindowPairs { get; set; } = BurnRateWindowPair.Standard;

    /// <summary>Width of the fine buckets (short windows); one minute by default.</summary>
    public TimeSpan FineBucket { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Span of the fine buckets: windows up to this length are read at fine resolution; six hours by default.</summary>
    public TimeSpan FineSpan { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Width of the coarse buckets (long windows and the SLO period); one hour by default.</summary>
    public TimeSpan CoarseBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The window whose burn rate forecasts when the error budget runs out
    /// (<see cref="SloStatus.ErrorBudgetExhaustionSeconds"/>, <c>ml.slo.error_budget.exhaustion</c>); one hour by default,
    /// the long window of the fastest page pair: long enough not to swing with every slow minute, short enough to follow
    /// an incident.</summary>
    public TimeSpan ForecastWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (Period <= TimeSpan.Zero || FineBucket <= TimeSpan.Zero || FineSpan < FineBucket || CoarseBucket < FineBucket)
        {
            throw new ArgumentException("SloTrackerOptions: Period, FineBucket, FineSpan and CoarseBucket must be positive, with FineSpan >= FineBucket and CoarseBucket >= FineBucket.");
        }

        if (CoarseBucket.Ticks % FineBucket.Ticks != 0)
        {
            throw new ArgumentException($"SloTrackerOptions: CoarseBucket ({CoarseBucket}) must be a whole multiple of FineBucket ({FineBucket}).");
        }

        if (ForecastWindow < FineBucket || ForecastWindow > Period)
        {
            throw new ArgumentException($"SloTrackerOptions: ForecastWindow ({ForecastWindow}) must be between FineBucket ({FineBucket}) and the SLO period ({Period}).");
        }

        ArgumentNullException.ThrowIfNull(WindowPairs);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        foreach (var pair in WindowPairs)
        {
            if (pair.ShortWindow <= TimeSpan.Zero || pair.LongWindow < pair.ShortWindow || !(pair.Factor > 0))
            {
                throw new ArgumentException($"SloTrackerOptions: burn-rate pair {pair} needs 0 < short window <= long window and a positive factor.");
            }

            if (pair.LongWindow > Period)
            {
                throw new ArgumentException($"SloTrackerOptions: the long window {pair.LongWindow} of a burn-rate pair exceeds the SLO period {Period}.");
            }
        }
    }
}
