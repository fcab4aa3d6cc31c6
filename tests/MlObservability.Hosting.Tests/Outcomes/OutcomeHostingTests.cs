using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Hosting.Configuration;
using MlObservability.Outcomes;

namespace MlObservability.Hosting.Tests.Outcomes;

/// <summary>Business outcomes configured from appsettings: the tracker, its SLO and the startup validation.</summary>
public sealed class OutcomeHostingTests
{
    [Test]
    public void Configured_outcome_names_give_the_model_a_tracker_that_joins_by_request_id_and_feeds_the_outcome_slo()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:ResourceMetrics"] = "false",
            ["MlMonitoring:Models:0:Name"] = "hosted-outcomes",
            ["MlMonitoring:Models:0:Version"] = "2",
            ["MlMonitoring:Models:0:Quality:ClassLabels:0"] = "red",
            ["MlMonitoring:Models:0:Quality:ClassLabels:1"] = "white",
            ["MlMonitoring:Models:0:Outcomes:Names:0"] = "user_feedback_score",
            ["MlMonitoring:Models:0:Outcomes:JoinCapacity"] = "2048",
            ["MlMonitoring:Models:0:Slo:Outcomes:0:Name"] = "satisfaction",
            ["MlMonitoring:Models:0:Slo:Outcomes:0:Outcome"] = "user_feedback_score",
            ["MlMonitoring:Models:0:Slo:Outcomes:0:Threshold"] = "3",
            ["MlMonitoring:Models:0:Slo:Outcomes:0:Target"] = "0.9",
        }).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddMlMonitoring(config.GetSection("MlMonitoring"));
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("hosted-outcomes");

        model.RecordClassification(1, 0.9, "req-1");
        var results = new[]
        {
            model.RecordOutcome("user_feedback_score", 1, "req-1"),
            model.RecordOutcome("user_feedback_score", 5),
            model.RecordOutcome("clicks", 1),
        };
        time.Advance(TimeSpan.FromMinutes(1));
        model.Slo!.Evaluate(time.GetUtcNow());
        var status = model.Slo.GetStatus("satisfaction");

        Assert.Multiple(() =>
        {
            Assert.That(model.Outcomes, Is.Not.Null);
            Assert.That(model.Outcomes!.JoinCapacity, Is.EqualTo(2048));
            Assert.That(model.Outcomes.Options.ClassLabels, Is.EqualTo(new[] { "red", "white" }));
            Assert.That(results, Is.EqualTo(new[] { OutcomeResult.Joined, OutcomeResult.FreeStanding, OutcomeResult.UnknownName }));
            Assert.That(status, Is.Not.Null);
            Assert.That((status!.Good, status.Total), Is.EqualTo((1L, 2L)));
            Assert.That(status.ErrorBudgetRemaining, Is.EqualTo(1 - (0.5 / 0.1)).Within(1e-9));
        });
    }

    [Test]
    public void A_model_without_outcome_settings_gets_no_tracker_and_counts_outcomes_as_unrouted()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.Models.Add(new ModelMonitorOptions { Name = "hosted-no-outcomes" }));
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("hosted-no-outcomes");
        Assert.That(model.Outcomes, Is.Null);
        Assert.That(model.RecordOutcome("rating", 4), Is.EqualTo(OutcomeResult.NoTracker));
        Assert.That(model.UnroutedOutcomes, Is.EqualTo(1));
    }

    [Test]
    public void Outcome_settings_out_of_range_fail_at_startup_naming_each_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMlMonitoring(o =>
        {
            var model = new ModelMonitorOptions { Name = "bad-outcomes" };
            model.Outcomes.Names.Add("rating");
            model.Outcomes.Names.Add("rating");
            model.Outcomes.Names.Add("say \"hi\"");
            model.Outcomes.JoinCapacity = 10;
            model.Outcomes.JoinTimeToLive = TimeSpan.Zero;
            model.Slo.Outcomes.Add(new OutcomeSloOptions { Name = "satisfaction", Outcome = "user_feedback_score", Threshold = 3, Target = 1.5 });
            model.Slo.Outcomes.Add(new OutcomeSloOptions { Name = "satisfaction", Outcome = "rating" });
            model.Alerts.Thresholds.SatisfactionMinimum = double.NaN;
            o.Models.Add(model);
            var off = new ModelMonitorOptions { Name = "no-tracker" };
            off.Slo.Outcomes.Add(new OutcomeSloOptions { Name = "conversion", Outcome = "conversion", Threshold = 1 });
            o.Models.Add(off);
        });
        using var host = builder.Build();
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Outcomes:Names: outcome name 'rating' is listed twice"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Outcomes:Names: outcome name 'say \"hi\"' must be at most 100 characters without quotes"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Outcomes:JoinCapacity must be between 1024 and 16777216"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Outcomes:JoinTimeToLive must be a positive duration"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Slo:Outcomes:0:Outcome 'user_feedback_score' is not one of MlMonitoring:Models:0:Outcomes:Names"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Slo:Outcomes:0:Target must be between 0 and 1 exclusive"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Slo:Outcomes:1:Name must be set and unique"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Slo:Outcomes:1:Threshold must be a finite number"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Alerts:Thresholds: SatisfactionOutcome must be"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:1:Slo:Outcomes:0:Outcome 'conversion' needs the model's outcome tracker: list it in MlMonitoring:Models:1:Outcomes:Names"));
        });
    }
}
