namespace MlObservability.Routing;

/// <summary>One entry of a router's audit trail (<see cref="ModelRouter{TModel}.History"/>).</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Action">What was attempted.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="FromVersion">The active version before.</param>
/// <param name="ToVersion">The version asked for; empty when there was none.</param>
/// <param name="Reason">Why: the alert name and summary, the comparison, or the operator's reason.</param>
public sealed record RouterActionRecord(DateTimeOffset Time, RouterAction Action, RouterActionOutcome Outcome, string FromVersion, string ToVersion, string Reason);
