using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Alerts;
using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Tests.Slo;

/// <summary><c>ml.slo.error_budget.exhaustion</c>: remaining budget × period ÷ the burn rate of the forecast window.</summary>
public sealed class SloErrorBudgetForecastTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Two clean hours, then an hour at exactly the budgeted error rate (1 error in 100 against a 1 % budget).
    /// Over the period: 60 bad of 18,000, a third of the budget spent; over the last hour the burn rate is 1.</summary>
    private static (SloTracker Tracker, FakeTimeProvider Time) TwoCleanHoursThenOneAtBudget(TimeSpan? forecastWindow = null, string name = "error_rate")
    {
        var time = new FakeTimeProvider(Start);
        var options = new SloTrackerOptions { TimeProvider = time };
        if (forecastWindow is { } window)
        {
            options.ForecastWindow = window;
        }

        var tracker = new SloTracker("forecast-model", [SloObjective.ErrorRate(0.01, name)], "v1", options);
        for (int minute = 0; minute < 180; minute++)
        {
            for (int i = 0; i < 100; i++)
            {
                bool error = minute >= 120 && i == 0;
                tracker.OnInference(new InferenceRecord(0.1, error ? InferenceOutcome.Error : InferenceOutcome.Success, 1, error ? "Timeout" : null));
            }

            time.Advance(TimeSpan.FromMinutes(1));
            if (minute % 30 == 29)
            {
                tracker.Evaluate(time.GetUtcNow());
            }
        }

        return (tracker, time);
    }

    [Test]
    public void A_third_of_the_budget_spent_at_burn_rate_one_lasts_two_thirds_of_the_period()
    {
        var (tracker, _) = TwoCleanHoursThenOneAtBudget();
        using var _t = tracker;
        var status = tracker.GetStatus("error_rate")!;
        Assert.Multiple(() =>
        {
            Assert.That(status.ErrorBudgetRemaining, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(status.ForecastBurnRate, Is.EqualTo(1).Within(1e-12));
            Assert.That(status.ForecastBurnRate, Is.EqualTo(status.BurnRates["1h"]), "the default forecast window is the 1h burn window");
            Assert.That(status.ErrorBudgetExhaustionSeconds, Is.EqualTo(TimeSpan.FromDays(20).TotalSeconds).Within(1e-6));
        });
    }

    [Test]
    public void A_longer_forecast_window_averages_the_clean_hour_in_and_forecasts_later_exhaustion()
    {
        var (tracker, _) = TwoCleanHoursThenOneAtBudget(TimeSpan.FromHours(2));
        using var _t = tracker;
        var status = tracker.GetStatus("error_rate")!;
        Assert.Multiple(() =>
        {
            // The 2h window is the current (empty) minute and the 119 complete ones before it: 60 bad of 11,900.
            double burn = 60.0 / 11_900 / 0.01;
            Assert.That(status.ForecastBurnRate, Is.EqualTo(burn).Within(1e-12));
            Assert.That(status.ForecastBurnRate, Is.EqualTo(status.BurnRates["1h"] / 2).Within(0.01), "about half the 1h rate: the clean hour averages in");
            Assert.That(status.ErrorBudgetExhaustionSeconds, Is.EqualTo((2.0 / 3) * TimeSpan.FromDays(30).TotalSeconds / burn).Within(1e-3));
        });
    }

    [Test]
    public void Nothing_burning_never_runs_out_and_an_overspent_budget_is_already_exhausted()
    {
        var time = new FakeTimeProvider(Start);
        using var tracker = new SloTracker("forecast-edges", [SloObjective.ErrorRate(0.01, "clean"), SloObjective.Availability(0.99, "spent")], "v1", new SloTrackerOptions { TimeProvider = time });
        for (int i = 0; i < 100; i++)
        {
            tracker.OnInference(new InferenceRecord(0.1, InferenceOutcome.Success, 1, null));
            tracker.RecordEvent("spent", good: i >= 5);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        tracker.Evaluate(time.GetUtcNow());
        Assert.Multiple(() =>
        {
            Assert.That(tracker.GetStatus("clean")!.ErrorBudgetExhaustionSeconds, Is.EqualTo(double.PositiveInfinity));
            Assert.That(tracker.GetStatus("spent")!.ErrorBudgetRemaining, Is.LessThan(0));
            Assert.That(tracker.GetStatus("spent")!.ErrorBudgetExhaustionSeconds, Is.Zero);
        });
    }

    [Test]
    public void The_forecast_is_exported_in_seconds_per_objective()
    {
        var (tracker, _) = TwoCleanHoursThenOneAtBudget(name: "exported_forecast");
        using var _t = tracker;
        var seen = new List<(string Unit, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name == "ml.slo.error_budget.exhaustion")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SemanticConventions.SloName && (string?)tag.Value == "exported_forecast")
                {
                    seen.Add((instrument.Unit!, value));
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.That(seen, Is.EqualTo(new[] { ("s", TimeSpan.FromDays(20).TotalSeconds) }).Using<(string, double)>((a, b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-6));
    }

    [Test]
    public void The_exhaustion_rule_fires_when_the_forecast_falls_under_the_horizon()
    {
        var (tracker, time) = TwoCleanHoursThenOneAtBudget();
        using var _t = tracker;
        var signals = new AlertSignals { SloErrorBudgetExhaustionSeconds = () => tracker.Statuses.Min(s => s.ErrorBudgetExhaustionSeconds) };
        var within3Days = StandardAlertRules.For("forecast-model", tracker.Objectives, signals, new AlertThresholds { SloBudgetExhaustionFor = TimeSpan.Zero });
        var within21Days = StandardAlertRules.For("forecast-model", tracker.Objectives, signals, new AlertThresholds { SloBudgetExhaustionHorizon = TimeSpan.FromDays(21), SloBudgetExhaustionFor = TimeSpan.Zero });
        using var quiet = new AlertEngine(within3Days, new AlertEngineOptions { TimeProvider = time });
        using var warns = new AlertEngine(within21Days, new AlertEngineOptions { TimeProvider = time });

        var none = quiet.EvaluateRules(time.GetUtcNow()).SelectMany(n => n.Alerts).ToArray();
        var fired = warns.EvaluateRules(time.GetUtcNow()).SelectMany(n => n.Alerts).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.Empty, "20 days left is beyond the default 3-day horizon");
            Assert.That(fired.Select(a => (a.Name, a.Severity)), Is.EqualTo(new[] { (StandardAlertRules.SloBudgetExhaustion, Severity.Warning) }));
            Assert.That(fired.Single().Value, Is.EqualTo(TimeSpan.FromDays(20).TotalSeconds).Within(1e-6));
            Assert.That(fired.Single().Annotations["summary"], Is.EqualTo("SLO error budget exhausted within 21d at the current burn rate"));
        });
    }
}
