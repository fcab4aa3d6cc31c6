namespace MlObservability.Slo;

/// <content>Business outcome objectives, fed by the model's <see cref="Outcomes.OutcomeTracker"/>.</content>
public sealed partial class SloTracker
{
    /// <summary>
    /// Counts one business outcome against every <see cref="SloObjectiveKind.Outcome"/> objective of that outcome name
    /// (good when it reaches the objective's threshold). Lock-free and allocation-free; called by the outcome tracker.
    /// </summary>
    /// <param name="outcomeName">The outcome name.</param>
    /// <param name="value">The value (finite).</param>
    internal void RecordOutcome(string outcomeName, double value)
    {
        long now = 0;
        foreach (var state in _states)
        {
            var objective = state.Objective;
            if (objective.Kind == SloObjectiveKind.Outcome && string.Equals(objective.OutcomeName, outcomeName, StringComparison.Ordinal))
            {
                if (now == 0)
                {
                    now = _time.GetUtcNow().UtcTicks;
                }

                state.Record(now, objective.IsGoodOutcome(value));
            }
        }
    }
}
