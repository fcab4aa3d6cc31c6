using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>The generated prometheus.yml is what real Prometheus accepts (<c>promtool check config</c>, which also loads
/// the generated rules file it names).</summary>
public sealed class PrometheusScrapeConfigGeneratorTests
{
    private static (int Code, string Output) CheckConfig(string config)
    {
        string promtool = ExternalTool.Require("promtool");
        string dir = Directory.CreateTempSubdirectory("mlobs-prom-").FullName;
        File.WriteAllText(Path.Combine(dir, PrometheusRuleGenerator.FileName), PrometheusRuleGenerator.Generate(SampleDefinitions.Models));
        File.WriteAllText(Path.Combine(dir, PrometheusScrapeConfigGenerator.FileName), config);
        try
        {
            return ExternalTool.Run(promtool, dir, "check", "config", PrometheusScrapeConfigGenerator.FileName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Default_config_passes_promtool_and_loads_the_generated_rules()
    {
        string config = PrometheusScrapeConfigGenerator.Generate();
        var (code, output) = CheckConfig(config);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("SUCCESS").And.Contain(PrometheusRuleGenerator.FileName));
            Assert.That(config, Does.Contain("- targets: ['127.0.0.1:9464']").And.Contain("- targets: ['alertmanager:9093']"));
        });
    }

    /// <summary>Debian's Prometheus is built without Kubernetes discovery, so promtool here rejects any
    /// <c>kubernetes_sd_configs</c>: this checks the seed-003 shape of the relabelling instead.</summary>
    [Test]
    public void Kubernetes_discovery_keeps_the_labelled_pods_and_honours_the_path_and_port_annotations()
    {
        var options = new PrometheusScrapeConfigOptions { KubernetesDiscovery = true, KubernetesAppLabel = "app.kubernetes.io/name", KubernetesAppValue = "wine-service" };
        string config = PrometheusScrapeConfigGenerator.Generate(options);
        Assert.Multiple(() =>
        {
            Assert.That(config, Does.Contain("    kubernetes_sd_configs:\n      - role: pod\n"));
            Assert.That(config, Does.Contain("      - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]\n        regex: 'wine-service'\n        action: keep\n"));
            Assert.That(config, Does.Contain("      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]\n        action: replace\n        target_label: __metrics_path__\n"));
            Assert.That(config, Does.Contain("      - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]"));
            Assert.That(config, Does.Not.Contain("static_configs:\n      - targets: ['127.0.0.1:9464']"));
        });
    }

    [Test]
    public void Static_targets_config_passes_promtool_with_the_configured_job_path_and_interval()
    {
        var options = new PrometheusScrapeConfigOptions { JobName = "wine-service", MetricsPath = "/ml/metrics", ScrapeInterval = TimeSpan.FromSeconds(30) };
        options.StaticTargets.Add("wine-2.internal:9464");
        string config = PrometheusScrapeConfigGenerator.Generate(options);
        var (code, output) = CheckConfig(config);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(config, Does.Contain("- job_name: 'wine-service'").And.Contain("metrics_path: '/ml/metrics'").And.Contain("scrape_interval: 30s"));
            Assert.That(config, Does.Contain("- targets: ['127.0.0.1:9464', 'wine-2.internal:9464']").And.Not.Contain("kubernetes_sd_configs"));
            Assert.That(config, Does.Contain("rule_files:\n  - 'ml-alerts.rules.yml'"));
        });
    }

    [Test]
    public void A_setting_that_cannot_make_a_valid_config_is_rejected_with_what_to_fix()
    {
        var badTarget = new PrometheusScrapeConfigOptions();
        badTarget.StaticTargets.Add("http://wine:9464/metrics");
        Assert.Multiple(() =>
        {
            Assert.That(() => PrometheusScrapeConfigGenerator.Generate(new PrometheusScrapeConfigOptions { MetricsPath = "metrics" }), Throws.ArgumentException.With.Message.Contains("must start with '/'"));
            Assert.That(() => PrometheusScrapeConfigGenerator.Generate(badTarget), Throws.ArgumentException.With.Message.Contains("must be host:port"));
            Assert.That(() => PrometheusScrapeConfigGenerator.Generate(new PrometheusScrapeConfigOptions { ScrapeInterval = TimeSpan.FromMinutes(5) }), Throws.ArgumentException.With.Message.Contains("between 1 s and 1 min"));
            var none = new PrometheusScrapeConfigOptions();
            none.StaticTargets.Clear();
            Assert.That(() => PrometheusScrapeConfigGenerator.Generate(none), Throws.ArgumentException.With.Message.Contains("StaticTargets is empty"));
        });
    }

    [Test]
    public void Checked_in_config_matches_the_generator_and_passes_promtool()
    {
        SampleDefinitions.ApproveFile(PrometheusScrapeConfigGenerator.FileName, PrometheusScrapeConfigGenerator.Generate());
        string promtool = ExternalTool.Require("promtool");
        var (code, output) = ExternalTool.Run(promtool, SampleDefinitions.MonitoringFolder, "check", "config", PrometheusScrapeConfigGenerator.FileName);
        Assert.That(code, Is.Zero, output);
    }
}
