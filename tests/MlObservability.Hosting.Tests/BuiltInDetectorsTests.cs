using Microsoft.Extensions.Configuration;
using MlObservability.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using MlObservability.Drift;
using MlObservability.Hosting.Alerts;
using MlObservability.Hosting;

namespace MlObservability.Hosting.Tests;

/// <summary>What AddMlMonitoring builds from a model's settings alone.</summary>
public sealed class BuiltInDetectorsTests
{
    private sealed class ContentRoot(string path) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = path;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Test]
    public void A_model_with_a_profile_gets_drift_quality_slo_and_standard_alert_rules_and_relative_paths_resolve_from_the_content_root()
    {
        string root = Directory.CreateTempSubdirectory("mlobs-root").FullName;
        try
        {
            var builder = new ReferenceProfileBuilder(["amount", "age"]);
            for (int i = 0; i < 200; i++)
            {
                builder.AddRow([i * 1.5, 20 + (i % 40)]);
            }

            Directory.CreateDirectory(Path.Combine(root, "Data"));
            builder.Build().Save(Path.Combine(root, "Data", "profile.json"));

            var services = new ServiceCollection();
            services.AddSingleton<IHostEnvironment>(new ContentRoot(root));
            services.AddMlMonitoring(o =>
            {
                o.ResourceMetrics = false;
                o.AddModel("builtin-fraud", "2", m =>
                {
                    m.DriftReferencePath = Path.Combine("Data", "profile.json"); // relative: not under the working directory
                    m.Quality.ClassLabels.Add("legit");
                    m.Quality.ClassLabels.Add("fraud");
                    m.Quality.SamplingRate = 1.0;
                });
            });
            using var provider = services.BuildServiceProvider();
            var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("builtin-fraud");
            var alerting = provider.GetRequiredService<AlertPipeline>();

            model.RecordFeatures([10.0, 30.0]);
            model.RecordClassification(1, 0.9, "req-1");
            model.Inference.Record(0.02);

            Assert.Multiple(() =>
            {
                Assert.That(model.Drift, Is.Not.Null);
                Assert.That(model.Drift!.Profile.Features.Select(f => f.Name), Is.EqualTo(new[] { "amount", "age" }));
                Assert.That(model.Quality, Is.Not.Null);
                Assert.That(model.Quality!.PredictionCount, Is.EqualTo(1));
                Assert.That(model.RecordGroundTruth("req-1", "fraud"), Is.EqualTo(MlObservability.Quality.GroundTruthOutcome.Joined));
                Assert.That(model.RecordGroundTruth("req-1", "fraud"), Is.EqualTo(MlObservability.Quality.GroundTruthOutcome.Duplicate));
                Assert.That(model.Slo!.Objectives.Select(o => o.Name), Is.EqualTo(new[] { "latency", "error_rate", "availability" }));
                Assert.That(alerting.Engine.Rules.Select(r => r.Name), Does.Contain("MlDriftDetected").And.Contain("MlSloErrorBudgetBurn"));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Built_in_detectors_can_be_switched_off_per_model()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(o =>
        {
            o.ResourceMetrics = false;
            o.Alerts.Enabled = false;
            o.PredictionLogging.Enabled = false; // otherwise the model gets its prediction-log component
            o.AddModel("builtin-bare", configure: m =>
            {
                m.Quality.Enabled = false;
                m.Slo.Enabled = false;
            });
        });
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("builtin-bare");

        Assert.Multiple(() =>
        {
            Assert.That(model.Components, Is.Empty);
            Assert.That(model.RecordGroundTruth("x", "y"), Is.EqualTo(MlObservability.Quality.GroundTruthOutcome.UnknownId));
            Assert.That(provider.GetRequiredService<AlertPipeline>().Engine.Rules, Is.Empty);
        });
    }

    [Test]
    public void A_model_with_lineage_settings_gets_a_lineage_tracker_whose_age_the_stale_rule_reads()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:ResourceMetrics"] = "false",
            ["MlMonitoring:Models:0:Name"] = "builtin-lineage",
            ["MlMonitoring:Models:0:Version"] = "4",
            ["MlMonitoring:Models:0:Lineage:TrainedAt"] = "2026-01-01",
            ["MlMonitoring:Models:0:Lineage:DataSnapshot"] = "warehouse.wine@v12",
            ["MlMonitoring:Models:0:Lineage:GitSha"] = "3f9c2ab",
            ["MlMonitoring:Models:0:Alerts:Thresholds:ModelMaxAge"] = "30.00:00:00",
            ["MlMonitoring:Models:0:Alerts:Thresholds:ModelStaleFor"] = "00:00:00",
        }).Build();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddMlMonitoring(config.GetSection("MlMonitoring"));
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("builtin-lineage");
        var engine = provider.GetRequiredService<AlertPipeline>().Engine;

        var tracker = model.GetComponent<MlObservability.Lineage.ModelLineageTracker>();
        var stale = engine.EvaluateRules(time.GetUtcNow()).SelectMany(n => n.Alerts).Where(a => a.Name == StandardAlertRules.ModelStale).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(tracker, Is.Not.Null);
            Assert.That(tracker!.Lineage, Is.EqualTo(new MlObservability.Lineage.ModelLineage { TrainedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), DataSnapshot = "warehouse.wine@v12", GitSha = "3f9c2ab" }));
            Assert.That(tracker.Age, Is.EqualTo(TimeSpan.FromDays(59)));
            Assert.That(stale.Select(a => a.Severity), Is.EqualTo(new[] { Severity.Warning }), "59 days against a 30-day maximum");
        });
    }
}
