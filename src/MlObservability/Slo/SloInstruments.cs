using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Slo;

/// <summary>The process-wide SLO instruments; they read the last evaluation of every live <see cref="SloTracker"/>.</summary>
internal static class SloInstruments
{
    internal static readonly InstanceRegistry<SloTracker> Live = new();

    internal static readonly ObservableGauge<double> Compliance = MlTelemetry.Meter.CreateObservableGauge(
        "ml.slo.compliance", () => Observe(static t => t.ObserveCompliance()), "1",
        "Share of good events over the SLO period, at the last evaluation.");

    internal static readonly ObservableGauge<double> BudgetRemaining = MlTelemetry.Meter.CreateObservableGauge(
        "ml.slo.error_budget.remaining", () => Observe(static t => t.ObserveBudget()), "1",
        "Share of the error budget left over the SLO period (negative when overspent), at the last evaluation.");

    internal static readonly ObservableGauge<double> BurnRate = MlTelemetry.Meter.CreateObservableGauge(
        "ml.slo.burn_rate", () => Observe(static t => t.ObserveBurnRates()), "1",
        "Error-budget burn rate per window (1 = spending the budget exactly over the SLO period), at the last evaluation.");

    internal static readonly ObservableGauge<double> BudgetExhaustion = MlTelemetry.Meter.CreateObservableGauge(
        "ml.slo.error_budget.exhaustion", () => Observe(static t => t.ObserveExhaustion()), "s",
        "Seconds until the error budget is exhausted at the burn rate of the forecast window (0 = spent, +Inf = not burning), at the last evaluation.");

    private static IEnumerable<Measurement<double>> Observe(Func<SloTracker, IEnumerable<Measurement<double>>> read)
    {
        foreach (var tracker in Live.Items)
        {
            foreach (var measurement in read(tracker))
            {
                yield return measurement;
            }
        }
    }
}
