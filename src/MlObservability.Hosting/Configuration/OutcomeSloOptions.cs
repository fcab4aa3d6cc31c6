using MlObservability.Slo;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// One business outcome objective (<c>MlMonitoring:Models:N:Slo:Outcomes:M</c>): <see cref="Target"/> of the outcomes
/// named <see cref="Outcome"/> reach <see cref="Threshold"/> ("95 % of sessions score at least 3"). It has an error
/// budget, burn rates, burn alerts and an exhaustion forecast like the other objectives.
/// </summary>
public sealed class OutcomeSloOptions
{
    /// <summary>The objective name (tag <c>ml.slo.name</c>), for example <c>satisfaction</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The outcome name it judges, for example <c>user_feedback_score</c>; one of <c>Outcomes:Names</c>.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>The value a good outcome reaches (at or above it; at or under it with <see cref="AtMost"/>).</summary>
    public double? Threshold { get; set; }

    /// <summary>Whether a good outcome is at or under <see cref="Threshold"/> (a refund, a time to resolve). Default <see langword="false"/>.</summary>
    public bool AtMost { get; set; }

    /// <summary>The share of outcomes that must be good, for example 0.95. Default 0.95.</summary>
    public double Target { get; set; } = 0.95;

    internal SloObjective ToObjective() => SloObjective.Outcome(Name, Outcome, Threshold ?? double.NaN, Target, AtMost);
}
