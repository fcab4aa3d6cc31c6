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
