using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Tests.Configuration;

public sealed class MlMonitoringOptionsValidationTests
{
    private static Task<OptionsValidationException> StartExpectingFailure(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        configure(builder.Services);
        using var host = builder.Build();
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return Task.FromResult(error!);
    }

    [Test]
    public async Task Non_positive_interval_fails_at_startup_naming_the_setting()
    {
        var error = await StartExpectingFailure(s => s.AddMlMonitoring(o => o.EvaluationInterval = TimeSpan.Zero));
        Assert.That(error.Message, Does.Contain("MlMonitoring:EvaluationInterval must be a positive duration"));
    }

    [Test]
    public async Task Empty_and_duplicate_model_names_from_configuration_are_reported_together()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:Models:0:Name"] = "fraud",
            ["MlMonitoring:Models:1:Name"] = "",
            ["MlMonitoring:Models:1:Version"] = "2",
            ["MlMonitoring:Models:2:Name"] = "fraud",
        }).Build();

        var error = await StartExpectingFailure(s => s.AddMlMonitoring(config.GetSection("MlMonitoring")));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:1:Name is empty"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:2:Name 'fraud' duplicates MlMonitoring:Models:0"));
        });
    }

    [Test]
    public async Task Bad_prometheus_endpoint_and_sample_rate_are_reported()
    {
        var error = await StartExpectingFailure(s => s.AddMlMonitoring(o =>
        {
            o.Prometheus.Host = "http://example";
            o.Prometheus.Port = 70000;
            o.Prometheus.Path = "metrics";
            o.PredictionLogging.SampleRate = 1.5;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Prometheus:Host 'http://example' is not a host name"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Prometheus:Port must be between 1 and 65535; got 70000"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Prometheus:Path must start with '/'"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:PredictionLogging:SampleRate must be between 0 and 1"));
        });
    }

    [Test]
    public async Task Missing_drift_reference_file_is_reported_with_the_model_index()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-profile-{Guid.NewGuid():N}.json");
        var error = await StartExpectingFailure(s => s.AddMlMonitoring(o => o.AddModel("fraud", "1", m => m.DriftReferencePath = missing)));
        Assert.That(error.Message, Does.Contain($"MlMonitoring:Models:0:DriftReferencePath '{missing}' does not exist"));
    }

    [Test]
    public void AddModel_with_an_empty_name_throws_at_once()
    {
        var options = new MlMonitoringOptions();
        Assert.That(() => options.AddModel(" "), Throws.ArgumentException.With.Message.Contains("non-empty name"));
    }

    [Test]
    public void Valid_options_pass()
    {
        var options = new MlMonitoringOptions().AddModel("fraud", "3").AddModel("churn");
        var result = new MlMonitoringOptionsValidator().Validate(null, options);
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public async Task An_incomplete_email_section_fails_at_startup_naming_each_setting_and_never_the_password()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:Alerts:Email:Host"] = "",
            ["MlMonitoring:Alerts:Email:Port"] = "70000",
            ["MlMonitoring:Alerts:Email:Password"] = "PW-never-echoed-77",
            ["MlMonitoring:Alerts:Email:From"] = "not an address",
            ["MlMonitoring:Alerts:Email:To:0"] = "oncall@example.com",
            ["MlMonitoring:Alerts:Email:To:1"] = "nobody at all",
        }).Build();

        var error = await StartExpectingFailure(s => s.AddMlMonitoring(config.GetSection("MlMonitoring")));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Alerts:Email:Host must be the SMTP server's host name"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Alerts:Email:Port must be between 1 and 65535"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Alerts:Email:UserName and MlMonitoring:Alerts:Email:Password go together"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Alerts:Email:From must be an email address"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Alerts:Email:To:1 must be an email address"));
            Assert.That(error.Failures, Has.None.Contains("To:0"));
            Assert.That(error.Message, Does.Not.Contain("PW-never-echoed-77"));
        });
    }

    [Test]
    public async Task A_forecast_window_outside_the_period_and_a_non_positive_exhaustion_horizon_fail_at_startup()
    {
        var error = await StartExpectingFailure(s => s.AddMlMonitoring(o =>
        {
            var model = new ModelMonitorOptions { Name = "forecast" };
            model.Slo.ForecastWindow = TimeSpan.FromDays(40);
            model.Alerts.Thresholds.SloBudgetExhaustionHorizon = TimeSpan.Zero;
            o.Models.Add(model);
        }));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Slo:ForecastWindow must lie between"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Alerts:Thresholds: SloBudgetExhaustionHorizon must be a positive duration"));
        });
    }

    [Test]
    public async Task Lineage_with_a_future_training_date_or_a_bad_commit_fails_at_startup()
    {
        var error = await StartExpectingFailure(s => s.AddMlMonitoring(o =>
        {
            var model = new ModelMonitorOptions { Name = "lineage" };
            model.Lineage.TrainedAt = "2999-01-01";
            model.Lineage.GitSha = "not-a-sha";
            o.Models.Add(model);
            var other = new ModelMonitorOptions { Name = "lineage-typo" };
            other.Lineage.TrainedAt = "31/12/2025";
            other.Alerts.Thresholds.ModelMaxAge = TimeSpan.Zero;
            o.Models.Add(other);
        }));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Lineage:TrainedAt '2999-01-01' is in the future"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Lineage:GitSha 'not-a-sha' must be a commit hash"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:1:Lineage:TrainedAt '31/12/2025' is not an ISO 8601 date"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:1:Alerts:Thresholds: ModelMaxAge must be a positive duration"));
        });
    }

    [Test]
    public async Task A_drift_evaluation_share_outside_zero_to_one_fails_at_startup_naming_the_setting()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:Models:0:Name"] = "share",
            ["MlMonitoring:Models:0:Drift:MaxEvaluationShare"] = "1.5",
            ["MlMonitoring:Models:1:Name"] = "share-zero",
            ["MlMonitoring:Models:1:Drift:MaxEvaluationShare"] = "0",
        }).Build();

        var error = await StartExpectingFailure(s => s.AddMlMonitoring(config.GetSection("MlMonitoring")));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Drift:MaxEvaluationShare must be in (0, 1]"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:1:Drift:MaxEvaluationShare must be in (0, 1]"));
        });
    }
}
