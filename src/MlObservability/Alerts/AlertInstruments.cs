using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Alerts;

/// <summary>The process-wide alerting instruments.</summary>
internal static class AlertInstruments
{

    /// <summary>Tag key for the delivery outcome.</summary>
    internal const string OutcomeTag = "outcome";

    internal static readonly InstanceRegistry<AlertEngine> Live = new();

    internal static readonly ObservableGauge<int> Firing = MlTelemetry.Meter.CreateObservableGauge(
        "ml.alerts.firing", ObserveFiring, "{alert}", "Alerts firing now, by model and severity.");

    internal static readonly Counter<long> Notifications = MlTelemetry.Meter.CreateCounter<long>(
        "ml.alerts.notifications", "{notification}", "Alert notifications by notifier and outcome (sent, failed, dropped).");

    internal static readonly ObservableCounter<long> EventsDropped = MlTelemetry.Meter.CreateObservableCounter(
        "ml.alerts.events.dropped", ObserveEventsDropped, "{series}", "New alert event series dropped because their budget was full, by reason (standard_series_limit, custom_series_limit).");

    private static readonly KeyValuePair<string, object?>[] StandardLimit = [new("reason", "standard_series_limit")];
    private static readonly KeyValuePair<string, object?>[] CustomLimit = [new("reason", "custom_series_limit")];

    private static IEnumerable<Measurement<long>> ObserveEventsDropped()
    {
        long standard = 0, custom = 0;
        bool any = false;
        foreach (var engine in Live.Items)
        {
            any = true;
            standard += engine.DroppedStandardEventSeries;
            custom += engine.DroppedCustomEventSeries;
        }

        if (!any)
        {
            yield break;
        }

        yield return new(standard, StandardLimit);
        yield return new(custom, CustomLimit);
    }

    private static IEnumerable<Measurement<int>> ObserveFiring()
    {
        foreach (var engine in Live.Items)
        {
            foreach (var measurement in engine.ObserveFiring())
            {
                yield return measurement;
            }
        }
    }
}
