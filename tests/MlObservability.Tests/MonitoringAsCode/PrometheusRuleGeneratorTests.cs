using MlObservability.MonitoringAsCode;
using MlObservability.Slo;

namespace MlObservability.Tests.MonitoringAsCode;

public sealed class PrometheusRuleGeneratorTests
{
    private static string WriteRulesAndTests(out string dir)
    {
        dir = Path.Combine(Path.GetTempPath(), "mlobs-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, PrometheusRuleGenerator.FileName), PrometheusRuleGenerator.Generate(SampleDefinitions.Models));
        string tests = PromtoolUnitTestFile.Build(SampleDefinitions.Models);
        for (int i = 0; i < SampleDefinitions.Models.Count; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"t{i}.yml"), PromtoolUnitTestFile.Build([SampleDefinitions.Models[i]]));
        }

        return tests;
    }

    [Test]
    public void Generated_rules_pass_promtool_check_rules()
    {
        string promtool = ExternalTool.Require("promtool");
        WriteRulesAndTests(out string dir);
        var (code, output) = ExternalTool.Run(promtool, dir, "check", "rules", PrometheusRuleGenerator.FileName);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("SUCCESS"));
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Promtool_unit_tests_feed_series_and_see_the_expected_alerts_fire(int model)
    {
        string promtool = ExternalTool.Require("promtool");
        WriteRulesAndTests(out string dir);
        var (code, output) = ExternalTool.Run(promtool, dir, "test", "rules", $"t{model}.yml");
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void Promtool_unit_tests_fail_when_a_threshold_changes_under_them()
    {
        string promtool = ExternalTool.Require("promtool");
        WriteRulesAndTests(out string dir);
        var strict = new ModelMonitoringDefinition("fraud-detector", SampleDefinitions.Models[0].Slos, new MlObservability.Alerts.AlertThresholds { ErrorRateCritical = 0.5 });
        File.WriteAllText(Path.Combine(dir, PrometheusRuleGenerator.FileName), PrometheusRuleGenerator.Generate([strict]));
        var (code, output) = ExternalTool.Run(promtool, dir, "test", "rules", "t0.yml");
        Assert.That(code, Is.Not.Zero, "a 30 % error burst no longer crosses a 50 % threshold, so the expected page is missing");
        Assert.That(output, Does.Contain("MlHighErrorRate"));
    }

    [Test]
    public void Checked_in_rules_and_promtool_tests_match_the_generator()
    {
        SampleDefinitions.ApproveFile(PrometheusRuleGenerator.FileName, PrometheusRuleGenerator.Generate(SampleDefinitions.Models));
        SampleDefinitions.ApproveFile("ml-alerts.tests.yml", PromtoolUnitTestFile.Build(SampleDefinitions.Models));
    }

    [Test]
    public void Checked_in_promtool_tests_pass_against_the_checked_in_rules()
    {
        string promtool = ExternalTool.Require("promtool");
        var (code, output) = ExternalTool.Run(promtool, SampleDefinitions.MonitoringFolder, "test", "rules", "ml-alerts.tests.yml");
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void Rules_reference_only_exported_metric_names()
    {
        string yaml = PrometheusRuleGenerator.Generate(SampleDefinitions.Models);
        var names = System.Text.RegularExpressions.Regex.Matches(yaml, @"(?<![:\w])ml_[a-z_]+(?=\{|\[|\))")
            .Select(m => m.Value)
            .Where(n => n is not (ExportedMetricNames.ModelLabel or ExportedMetricNames.FeatureLabel or ExportedMetricNames.DriftMethodLabel or ExportedMetricNames.DriftStreamLabel or ExportedMetricNames.SloNameLabel or ExportedMetricNames.ModelVersionLabel))
            .Distinct().ToArray();
        Assert.That(names, Is.Not.Empty);
        Assert.That(names, Is.SubsetOf(ExportedMetricNames.All));
    }

    [Test]
    public void A_latency_threshold_off_the_bucket_boundaries_is_a_configuration_error()
    {
        var model = new ModelMonitoringDefinition("m", [SloObjective.LatencyPercentile(0.95, TimeSpan.FromMilliseconds(300))]);
        Assert.That(() => PrometheusRuleGenerator.Generate([model]), Throws.ArgumentException.With.Message.Contains("not a bucket boundary"));
    }
}
