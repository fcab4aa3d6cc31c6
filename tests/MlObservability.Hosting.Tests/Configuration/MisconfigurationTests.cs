using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlObservability.Drift;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Health;
using MlObservability.Hosting.Tests.Support;
using MlObservability.Instrumentation;

namespace MlObservability.Hosting.Tests.Configuration;

/// <summary>Issue 20: every mistake a newcomer makes in configuration is named at startup or at the first call.</summary>
public sealed class MisconfigurationTests
{
    private static IConfigurationSection Section(Dictionary<string, string?> values, string name = "MlMonitoring") =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(name);

    private static OptionsValidationException ValidationError(IConfigurationSection section)
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(section);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value)!;
    }

    [Test]
    public void A_misspelled_key_fails_validation_with_its_full_path_and_the_nearest_valid_key()
    {
        var error = ValidationError(Section(new()
        {
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Models:0:DriftReferencPath"] = "wine.json",
            ["MlMonitoring:Models:0:Quality:SamplingRat"] = "0.5",
            ["MlMonitoring:Models:0:Slo:WindowPairs:0:Factr"] = "14.4",
            ["MlMonitoring:Prometheus:Prot"] = "9464",
            ["MlMonitoring:EvaluationIntervall"] = "00:00:05",
        }));

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:DriftReferencPath is not a setting").And.Contains("did you mean MlMonitoring:Models:0:DriftReferencePath?"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Quality:SamplingRat ").And.Contains("did you mean MlMonitoring:Models:0:Quality:SamplingRate?"));
            Assert.That(error.Failures, Has.Some.Contains("MlMonitoring:Models:0:Slo:WindowPairs:0:Factr ").And.Contains("did you mean MlMonitoring:Models:0:Slo:WindowPairs:0:Factor?"));
            Assert.That(error.Failures, Has.Some.Contains("did you mean MlMonitoring:Prometheus:Port?"));
            Assert.That(error.Failures, Has.Some.Contains("did you mean MlMonitoring:EvaluationInterval?"));
            Assert.That(error.Failures.Where(f => f.Contains("is not a setting", StringComparison.Ordinal)), Has.Exactly(5).Items);
        });
    }

    [Test]
    public void A_key_far_from_every_setting_lists_the_valid_keys_and_keys_differing_only_in_case_are_accepted()
    {
        var error = ValidationError(Section(new()
        {
            ["MlMonitoring:models:0:name"] = "wine",            // the binder ignores case: so does the check
            ["MlMonitoring:Models:0:quality:classlabels:0"] = "a",
            ["MlMonitoring:Alerts:Telegram"] = "x",
        }));

        Assert.That(error.Failures, Has.Count.EqualTo(1));
        Assert.That(error.Failures.Single(), Does.StartWith("MlMonitoring:Alerts:Telegram is not a setting").And.Contains("valid keys there: AlertmanagerUrl, Email, Enabled, Log"));
    }

    [Test]
    public void Every_documented_setting_is_known()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(Section(new()
        {
            ["MlMonitoring:EvaluationInterval"] = "00:00:05",
            ["MlMonitoring:ResourceMetrics"] = "false",
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Models:0:Version"] = "3",
            ["MlMonitoring:Models:0:Endpoint"] = "predict",
            ["MlMonitoring:Models:0:Drift:WindowSize"] = "500",
            ["MlMonitoring:Models:0:Quality:ClassLabels:0"] = "a",
            ["MlMonitoring:Models:0:Quality:BaselineAccuracy"] = "0.9",
            ["MlMonitoring:Models:0:Slo:LatencyThreshold"] = "00:00:00.050",
            ["MlMonitoring:Models:0:Slo:WindowPairs:0:ShortWindow"] = "00:05:00",
            ["MlMonitoring:Models:0:Slo:WindowPairs:0:LongWindow"] = "01:00:00",
            ["MlMonitoring:Models:0:Slo:WindowPairs:0:Factor"] = "14.4",
            ["MlMonitoring:Models:0:Alerts:Enabled"] = "true",
            ["MlMonitoring:Prometheus:Port"] = "9464",
            ["MlMonitoring:PredictionLogging:SampleRate"] = "0.5",
            ["MlMonitoring:Alerts:Log"] = "true",
            ["MlMonitoring:Health:CriticalDriftIsUnhealthy"] = "true",
        }));
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.Models.Single().Name, Is.EqualTo("wine"));
    }

    [Test]
    public void The_walk_follows_dictionaries_lists_and_nested_objects_of_any_options_type()
    {
        var section = Section(new()
        {
            ["Root:Items:0:Valeu"] = "1",
            ["Root:ByName:first:Valeu"] = "2",
            ["Root:ByName:second:Value"] = "3",
            ["Root:Child:Value"] = "4",
        }, "Root");

        var failures = UnknownConfigurationKeys.Find(section, typeof(SampleOptions));

        Assert.That(failures, Has.Count.EqualTo(2));
        Assert.That(failures, Has.Some.Contains("Root:Items:0:Valeu").And.Contains("did you mean Root:Items:0:Value?"));
        Assert.That(failures, Has.Some.Contains("Root:ByName:first:Valeu").And.Contains("did you mean Root:ByName:first:Value?"));
    }

    [Test]
    public async Task Zero_configured_models_is_a_startup_warning_that_points_at_a_misspelled_section()
    {
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MlMonitorin:Models:0:Name"] = "wine" });
        builder.Logging.AddProvider(logs);
        builder.Services.AddMlMonitoring(builder.Configuration.GetSection("MlMonitoring"));
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        var warning = logs.Entries.Single(e => e.EventId.Id == 100);
        Assert.Multiple(() =>
        {
            Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(warning.Message, Does.Contain("No models are monitored").And.Contains("section 'MlMonitoring' does not exist").And.Contains("'MlMonitorin'"));
            var registry = host.Services.GetRequiredService<ModelMonitorRegistry>();
            Assert.That(() => registry.GetModel("wine"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("No model is configured at all"));
        });
    }

    [Test]
    public void GetModel_of_an_unknown_name_lists_the_configured_names_and_the_nearest()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.AddModel("wine", "3").AddModel("fraud"));
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<ModelMonitorRegistry>();
        Assert.That(() => registry.GetModel("Wine"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("Configured: [wine, fraud] (did you mean 'wine'?"));
    }

    [Test]
    public async Task One_startup_line_per_model_says_what_is_monitored()
    {
        string profilePath = Path.Combine(Directory.CreateTempSubdirectory("mlobs-startup").FullName, "profile.json");
        var profileBuilder = new ReferenceProfileBuilder(["alcohol", "ash"]);
        for (int i = 0; i < 50; i++)
        {
            profileBuilder.AddRow([i, i * 2.0]);
        }

        profileBuilder.Build().Save(profilePath);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddMlMonitoring(o => o.AddModel("startup-wine", "3", m =>
        {
            m.Endpoint = "predict";
            m.DriftReferencePath = profilePath;
            m.Quality.ClassLabels.Add("class_0");
            m.Quality.ClassLabels.Add("class_1");
            m.Quality.SamplingRate = 0.25;
        }).AddModel("startup-bare", "1", m => { m.Quality.Enabled = false; m.Slo.Enabled = false; m.Alerts.Enabled = false; })
          .AddModel("startup-indexes", "1"));
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        var lines = logs.Entries.Where(e => e.EventId.Id == 101).Select(e => e.Message).ToList();
        Assert.That(lines, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("Monitoring model startup-wine version '3' endpoint 'predict': drift on 2 features from '" + profilePath + "'"));
            Assert.That(lines[0], Does.Contain("quality with labels [class_0, class_1], sampling 25% for ground truth"));
            Assert.That(lines[0], Does.Contain("SLOs ").And.Contains("alert rules (").And.Contains(") to log"));
            Assert.That(lines[0], Does.Contain("http://127.0.0.1:9464/metrics"));
            Assert.That(lines[1], Does.Contain("no drift (DriftReferencePath not set); no quality (Quality:Enabled is false); no SLOs; no alert rules"));
            Assert.That(lines[0], Does.Not.Contain("no ROC AUC"));
            Assert.That(lines[2], Does.Contain("labels as they come (no ClassLabels)").And.Contains("no ROC AUC, log loss or Brier score: they need exactly two Quality:ClassLabels"));
        });
    }

    [Test]
    public async Task A_decorator_whose_names_match_no_configured_model_is_reported_at_startup_and_at_its_first_call_with_the_configured_names()
    {
        var early = InstrumentedEndpoint.Get("Mismatch-wine", "3", "predict"); // created before the host: reported at startup
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddMlMonitoring(o => o.AddModel("mismatch-wine", "3", m => m.Endpoint = "predict"));
        builder.Services.AddHealthChecks().AddMlMonitoring();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var atStartup = logs.Entries.Where(e => e.EventId.Id == 102).Select(e => e.Message).ToList();
            Assert.That(atStartup, Has.Some.Contains("[Instrumented] decorator records model 'Mismatch-wine' version '3' endpoint 'predict', which matches no configured model")
                .And.Contains("model names are case-sensitive; the configured name is 'mismatch-wine'")
                .And.Contains("Configured: mismatch-wine (version '3', endpoint 'predict')"));

            _ = InstrumentedEndpoint.Get("mismatch-wine", "2", "predict");   // later: at the decorator's first call
            _ = InstrumentedEndpoint.Get("mismatch-wine", "3", "Predict");
            _ = InstrumentedEndpoint.Get("mismatch-wine", "3", "predict");   // matches: nothing to say
            _ = InstrumentedEndpoint.Get("mismatch-wine", "3", "onnx");      // an endpoint of its own: information only

            var warnings = logs.Entries.Where(e => e.EventId.Id == 102).Select(e => e.Message).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(warnings, Has.Count.EqualTo(3));
                Assert.That(warnings, Has.Some.Contains("version '2'").And.Contains("configured with version '3'"));
                Assert.That(warnings, Has.Some.Contains("endpoint names are case-sensitive: configured 'predict', recorded 'Predict'"));
                Assert.That(logs.Entries.Where(e => e.EventId.Id == 103).Select(e => e.Message), Has.Some.Contains("under endpoint 'onnx', not the configured 'predict'"));
            });

            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.That(health.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(health.Entries[MlMonitoringHealthCheck.DefaultName].Description, Does.Contain("config.unmatched_model").And.Contains("Mismatch-wine"));
        }
        finally
        {
            await host.StopAsync();
        }

        GC.KeepAlive(early);
    }

    [Test]
    public async Task Rows_whose_width_does_not_match_the_profile_are_logged_once_degrade_health_and_publish_an_event()
    {
        string profilePath = Path.Combine(Directory.CreateTempSubdirectory("mlobs-width").FullName, "profile.json");
        var profileBuilder = new ReferenceProfileBuilder(["a", "b", "c"]);
        for (int i = 0; i < 50; i++)
        {
            profileBuilder.AddRow([i, i * 2.0, i * 3.0]);
        }

        profileBuilder.Build().Save(profilePath);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddMlMonitoring(o => o.AddModel("width-wine", "1", m => m.DriftReferencePath = profilePath));
        builder.Services.AddHealthChecks().AddMlMonitoring();
        using var host = builder.Build();
        var registry = host.Services.GetRequiredService<ModelMonitorRegistry>();
        var model = registry.GetModel("width-wine");
        for (int i = 0; i < 600; i++)
        {
            model.RecordFeatures([1.0, 2.0, 3.0, 4.0, 5.0]);
        }

        model.Drift!.Evaluate(DateTimeOffset.UtcNow);
        model.RecordFeatures([1.0, 2.0, 3.0, 4.0, 5.0]);
        model.Drift.Evaluate(DateTimeOffset.UtcNow);

        var logged = logs.Entries.Where(e => e.EventId.Id == 104).ToList();
        Assert.That(logged, Has.Count.EqualTo(1), "logged once while the problem lasts");
        Assert.That(logged[0].Message, Does.Contain("600 feature rows of width-wine had 5 values but the reference profile has 3 features (a, b, c)"));
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.That(health.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(health.Entries[MlMonitoringHealthCheck.DefaultName].Description, Does.Contain(DriftMonitor.WrongLengthEventKind));

        model.Drift.Evaluate(DateTimeOffset.UtcNow); // no wrong rows since: cleared
        health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.That(health.Status, Is.EqualTo(HealthStatus.Healthy));
    }

    private sealed class SampleOptions
    {
        public IList<Item> Items { get; } = new List<Item>();

        public Dictionary<string, Item> ByName { get; set; } = new(StringComparer.Ordinal);

        public Item Child { get; set; } = new();
    }

    private sealed class Item
    {
        public int Value { get; set; }
    }
}
