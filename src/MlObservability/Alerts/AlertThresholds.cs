namespace MlObservability.Alerts;

/// <summary>
/// The thresholds and durations of the standard rule set; defaults are the seeds' severity table. The same object
/// drives the in-process rules (<see cref="StandardAlertRules"/>) and the generated Prometheus rules.
/// </summary>
public sealed class AlertThresholds
{
    /// <summary>Error rate that pages; 5 % (for 5 minutes).</summary>
    public double ErrorRateCritical { get; set; } = 0.05;

    /// <summary>How long the critical error rate must hold; 5 minutes.</summary>
    public TimeSpan ErrorRateCriticalFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Error rate that warns; 2 % (for 10 minutes).</summary>
    public double ErrorRateWarning { get; set; } = 0.02;

    /// <summary>How long the warning error rate must hold; 10 minutes.</summary>
    public TimeSpan ErrorRateWarningFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Latency percentile above this multiple of the latency SLO threshold pages; 2x (for 10 minutes).</summary>
    public double LatencyCriticalMultiple { get; set; } = 2;

    /// <summary>How long the critical latency must hold; 10 minutes.</summary>
    public TimeSpan LatencyCriticalFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Latency percentile above this multiple of the latency SLO threshold warns; 1.5x (for 15 minutes).</summary>
    public double LatencyWarningMultiple { get; set; } = 1.5;

    /// <summary>How long the warning latency must hold; 15 minutes.</summary>
    public TimeSpan LatencyWarningFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Accuracy below which the model has failed; 0.70 (for 30 minutes) pages.</summary>
    public double AccuracyCritical { get; set; } = 0.70;

    /// <summary>How long the critical accuracy must hold; 30 minutes.</summary>
    public TimeSpan AccuracyCriticalFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Share of low-confidence predictions that is worth knowing; 20 % (for one hour).</summary>
    public double LowConfidenceShare { get; set; } = 0.20;

    /// <summary>How long the low-confidence share must hold; one hour.</summary>
    public TimeSpan LowConfidenceFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a warning drift finding must persist before it alerts; one hour.</summary>
    public TimeSpan DriftWarningFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a critical drift finding must persist before it pages; 30 minutes.</summary>
    public TimeSpan DriftCriticalFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long quality decay must persist before its alert fires; damps flapping while a rolling window moves. Default 15 minutes.</summary>
    public TimeSpan QualityDecayFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an SLO burn condition must hold before it alerts; 2 minutes.</summary>
    public TimeSpan SloBurnFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Z-score of the latency percentile against its recent history that counts as an anomaly; 3.</summary>
    public double LatencyAnomalyZScore { get; set; } = 3;

    /// <summary>Evaluations that form the latency anomaly baseline; 60 (an hour at one evaluation a minute).</summary>
    public int LatencyAnomalyWindow { get; set; } = 60;

    /// <summary>Most recent evaluations kept out of the anomaly baseline (Prometheus: <c>offset</c> in minutes); 10.</summary>
    public int LatencyAnomalyBaselineLag { get; set; } = 10;

    /// <summary>How long a latency anomaly must hold; 5 minutes.</summary>
    public TimeSpan LatencyAnomalyFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Warn (a ticket) when an SLO's error budget would be exhausted within this time at the current burn rate
    /// (<c>ml.slo.error_budget.exhaustion</c>); 3 days. With a 30-day period and a full budget that is a burn rate above
    /// 10x; with a fifth of the budget left, above 2x: the alert gets more sensitive as the budget runs down.</summary>
    public TimeSpan SloBudgetExhaustionHorizon { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long the forecast must stay under <see cref="SloBudgetExhaustionHorizon"/>; 30 minutes.</summary>
    public TimeSpan SloBudgetExhaustionFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Warn (<c>MlModelStale</c>) when the serving model version was trained longer ago than this
    /// (<c>ml.model.age</c>, from the model's registry facts); 90 days.</summary>
    public TimeSpan ModelMaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long the model must stay older than <see cref="ModelMaxAge"/>; 1 hour.</summary>
    public TimeSpan ModelStaleFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The outcome name <c>MlLowUserSatisfaction</c> watches (seed 000's <c>user_feedback_score</c>); a model
    /// that records no outcome of that name never fires it.</summary>
    public string SatisfactionOutcome { get; set; } = "user_feedback_score";

    /// <summary>Warn (<c>MlLowUserSatisfaction</c>) when the mean of <see cref="SatisfactionOutcome"/> over
    /// <see cref="SatisfactionWindow"/> falls under this; 3.0 (seed 000).</summary>
    public double SatisfactionMinimum { get; set; } = 3.0;

    /// <summary>The window the mean outcome is taken over; 1 hour.</summary>
    public TimeSpan SatisfactionWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the mean must stay under <see cref="SatisfactionMinimum"/>; 1 day (seed 000).</summary>
    public TimeSpan SatisfactionFor { get; set; } = TimeSpan.FromDays(1);
}
