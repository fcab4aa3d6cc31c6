using MlObservability.MonitoringAsCode;
using MlObservability.Slo;

namespace MlObservability.Tests.MonitoringAsCode;

public sealed class PrometheusRuleGeneratorTests
{
    /// <summary>Writes the generated rules and the first model's minute-scale promtool tests (t0.yml) to a new folder.</summary>
    private static void WriteRulesAndTests(out string dir)
    {
        dir = Path.Combine(Path.GetTempPath(), "mlobs-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, PrometheusRuleGenerator.FileName), PrometheusRuleGenerator.Generate(SampleDefinitions.Models));
        File.WriteAllText(Path.Combine(dir, "t0.yml"), PromtoolUnitTestFile.Build([SampleDefinitions.Models[0]]));
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
        SampleDefinitions.ApproveFile(PromtoolUnitTestFile.FileName, PromtoolUnitTestFile.Build(SampleDefinitions.Models));
        SampleDefinitions.ApproveFile(PromtoolUnitTestFile.DayLongFileName, PromtoolUnitTestFile.BuildDayLong(SampleDefinitions.Models));
    }

    /// <summary>
    /// promtool feeds every scenario's series to the checked-in rules and sees the expected alerts fire (and no other).
    /// The checked-in files equal what the generators write (the test above), so this covers the generated ones too.
    /// </summary>
    [Test]
    public void Checked_in_promtool_tests_pass_against_the_checked_in_rules()
    {
        string promtool = ExternalTool.Require("promtool");
        var (code, output) = ExternalTool.Run(promtool, SampleDefinitions.MonitoringFolder, "test", "rules", PromtoolUnitTestFile.FileName, PromtoolUnitTestFile.DayLongFileName);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain(PromtoolUnitTestFile.DayLongFileName), "both files ran");
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
