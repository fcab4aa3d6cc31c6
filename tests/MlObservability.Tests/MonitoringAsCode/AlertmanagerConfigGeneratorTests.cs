using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

public sealed class AlertmanagerConfigGeneratorTests
{
    [Test]
    public void Generated_config_passes_amtool_check_config()
    {
        string amtool = ExternalTool.Require("amtool");
        string dir = Path.Combine(Path.GetTempPath(), "mlobs-am-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, AlertmanagerConfigGenerator.FileName), AlertmanagerConfigGenerator.Generate(SampleDefinitions.Models));
        var (code, output) = ExternalTool.Run(amtool, dir, "check-config", AlertmanagerConfigGenerator.FileName);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("SUCCESS").And.Contain("2 inhibit rules").And.Contain("4 receivers"));
        });
    }

    [Test]
    public void Routes_critical_to_paging_and_reads_secrets_from_files()
    {
        string config = AlertmanagerConfigGenerator.Generate(SampleDefinitions.Models, new AlertmanagerConfigOptions { SecretsDirectory = "/run/secrets" });
        Assert.Multiple(() =>
        {
            Assert.That(config, Does.Contain("routing_key_file: '/run/secrets/pagerduty-routing-key'"));
            Assert.That(config, Does.Contain("api_url_file: '/run/secrets/slack-webhook-url'"));
            Assert.That(config, Does.Contain("group_by: ['model', 'severity']"));
            Assert.That(config, Does.Not.Contain("routing_key:").And.Not.Contain("api_url:"));
        });
    }

    [Test]
    public void Checked_in_config_and_dashboards_match_the_generators()
    {
        SampleDefinitions.ApproveFile(AlertmanagerConfigGenerator.FileName, AlertmanagerConfigGenerator.Generate(SampleDefinitions.Models));
        foreach (var model in SampleDefinitions.Models)
        {
            SampleDefinitions.ApproveFile(GrafanaDashboardGenerator.FileName(model.ModelName), GrafanaDashboardGenerator.Generate(model));
        }
    }

    [Test]
    public void Checked_in_config_passes_amtool_check_config()
    {
        string amtool = ExternalTool.Require("amtool");
        var (code, output) = ExternalTool.Run(amtool, SampleDefinitions.MonitoringFolder, "check-config", AlertmanagerConfigGenerator.FileName);
        Assert.That(code, Is.Zero, output);
    }
}
