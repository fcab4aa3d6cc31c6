namespace MlObservability.Hosting.Configuration;

/// <summary>One multi-window burn-rate condition: both windows must burn faster than <see cref="Factor"/>.</summary>
public sealed class BurnRateWindowOptions
{
    /// <summary>The long window (for example 1 hour).</summary>
    public TimeSpan LongWindow { get; set; }

    /// <summary>The short window (for example 5 minutes).</summary>
    public TimeSpan ShortWindow { get; set; }

    /// <summary>The burn-rate factor both windows must exceed (for example 14.4).</summary>
    public double Factor { get; set; }

    /// <summary>The severity raised: <see cref="Severity.Critical"/> pages, <see cref="Severity.Warning"/> opens a ticket.</summary>
    public Severity Severity { get; set; } = Severity.Critical;
}
