using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Tests.Configuration;

public sealed class MlMonitoringConfigurationBindingTests
{
    private static IConfiguration Settings() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["MlMonitoring:EvaluationInterval"] = "00:00:05",
        ["MlMonitoring:ResourceMetrics"] = "false",
        ["MlMonitoring:Models:0:Name"] = "fraud",
        ["MlMonitoring:Models:0:Version"] = "3.1",
        ["MlMonitoring:Models:0:Endpoint"] = "/predict",
        ["MlMonitoring:Models:0:LatencyWindow"] = "00:01:00",
        ["MlMonitoring:Models:1:Name"] = "churn",
        ["MlMonitoring:Prometheus:Port"] = "9999",
        ["MlMonitoring:PredictionLogging:SampleRate"] = "0.25",
        ["MlMonitoring:PredictionLogging:IncludeFeatures"] = "true",
        ["MlMonitoring:Health:CriticalDriftIsUnhealthy"] = "true",
    }).Build();

    [Test]
    public void Section_binds_every_setting()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(Settings().GetSection(MlMonitoringOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.EvaluationInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.ResourceMetrics, Is.False);
            Assert.That(options.Models.Select(m => m.Name), Is.EqualTo(new[] { "fraud", "churn" }));
            Assert.That(options.Models[0].Version, Is.EqualTo("3.1"));
            Assert.That(options.Models[0].Endpoint, Is.EqualTo("/predict"));
            Assert.That(options.Models[0].LatencyWindow, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(options.Prometheus.Port, Is.EqualTo(9999));
            Assert.That(options.Prometheus.Host, Is.EqualTo("127.0.0.1"), "host keeps its loopback default");
            Assert.That(options.PredictionLogging.SampleRate, Is.EqualTo(0.25));
            Assert.That(options.PredictionLogging.IncludeFeatures, Is.True);
            Assert.That(options.Health.CriticalDriftIsUnhealthy, Is.True);
        });
    }

    [Test]
    public void Calling_AddMlMonitoring_twice_registers_services_once_and_keeps_models_unique()
    {
        var section = Settings().GetSection(MlMonitoringOptions.SectionName);
        var services = new ServiceCollection();
        services.AddMlMonitoring(section, o => o.AddModel("ranker", "1"));
        services.AddMlMonitoring(section, o => o.AddModel("ranker", "1"));
        services.AddMlMonitoring();

        Assert.Multiple(() =>
        {
            Assert.That(services.Count(d => d.ServiceType == typeof(IHostedService)), Is.EqualTo(2), "evaluation and the startup report");
            Assert.That(services.Where(d => d.ServiceType == typeof(IValidateOptions<MlMonitoringOptions>)).Select(d => d.ImplementationType),
                Is.Unique.And.Contains(typeof(PendingStoreValidator)).And.Contains(typeof(UnknownConfigurationKeyValidator)), "settings, pending store and unknown keys");
            Assert.That(services.Count(d => d.ServiceType == typeof(IMonitoringEventSink)), Is.EqualTo(3), "health check, alert engine and the finding logger");
            Assert.That(services.Count(d => d.ServiceType == typeof(IMonitoringEvaluator)), Is.EqualTo(1), "the alert engine");
        });

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value;
        Assert.That(options.Models.Select(m => m.Name), Is.EqualTo(new[] { "fraud", "churn", "ranker" }));
    }

    [Test]
    public void Code_settings_apply_after_the_section()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(Settings().GetSection(MlMonitoringOptions.SectionName), o => o.AddModel("fraud", "4"));
        using var provider = services.BuildServiceProvider();
        var fraud = provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.Models.Single(m => m.Name == "fraud");
        Assert.Multiple(() =>
        {
            Assert.That(fraud.Version, Is.EqualTo("4"));
            Assert.That(fraud.Endpoint, Is.EqualTo("/predict"));
        });
    }
}
