using System.Diagnostics.Metrics;

namespace MlObservability.Routing;

/// <summary>The process-wide router instruments; they read every live <see cref="ModelRouter{TModel}"/>.</summary>
internal static class RouterInstruments
{
    internal const string ActionTag = "ml.router.action";
    internal const string OutcomeTag = "ml.router.outcome";

    internal static readonly InstanceRegistry<RouterCounters> Live = new();

    internal static readonly ObservableCounter<long> Actions = MlTelemetry.Meter.CreateObservableCounter(
        "ml.router.actions", ObserveActions, "{action}",
        "Router decisions by action (rollback, promotion, manual_switch) and outcome (applied, dry_run, suppressed_by_cool_down, no_target).");

    internal static readonly ObservableGauge<int> Active = MlTelemetry.Meter.CreateObservableGauge(
        "ml.router.active", () => Live.Items.Select(static c => new Measurement<int>(1,
            new KeyValuePair<string, object?>(SemanticConventions.ModelName, c.ModelName),
            new KeyValuePair<string, object?>(SemanticConventions.ModelVersion, c.ActiveVersion))), "1",
        "The version each router serves now, as a label; always 1.");

    private static IEnumerable<Measurement<long>> ObserveActions()
    {
        foreach (var counters in Live.Items)
        {
            foreach (var action in Enum.GetValues<RouterAction>())
            {
                foreach (var outcome in Enum.GetValues<RouterActionOutcome>())
                {
                    yield return new Measurement<long>(counters.Read(action, outcome),
                        new KeyValuePair<string, object?>(SemanticConventions.ModelName, counters.ModelName),
                        new KeyValuePair<string, object?>(ActionTag, RouterNotifications.ActionValue(action)),
                        new KeyValuePair<string, object?>(OutcomeTag, RouterNotifications.OutcomeValue(outcome)));
                }
            }
        }
    }
}
