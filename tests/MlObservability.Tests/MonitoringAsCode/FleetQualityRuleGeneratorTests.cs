using MlObservability.MonitoringAsCode;
using MlObservability.Slo;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>The generated fleet quality rules under the real promtool: their recorded figures equal the library's
/// statistics over three replicas' union, and the fleet accuracy alerts fire and resolve when the library says.</summary>
public sealed class FleetQualityRuleGeneratorTests
{
    private static readonly ModelMonitoringDefinition Model = new(FleetPromtoolScenario.Model, [SloObjective.Accuracy(0.8)]);

    private static string WriteRulesAndTests(ModelMonitoringDefinition rulesModel)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlobs-fleet-quality-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, FleetRuleGenerator.FileName), FleetRuleGenerator.Generate([rulesModel]));
        File.WriteAllText(Path.Combine(dir, FleetQualityPromtoolTestFile.FileName), FleetQualityPromtoolTestFile.Build(Model));
        return dir;
    }

    [Test]
    public void Recorded_fleet_quality_figures_equal_the_library_statistics_and_alerts_fire_and_resolve_on_time()
    {
        string promtool = ExternalTool.Require("promtool");
        var dir = WriteRulesAndTests(Model);
        var (code, output) = ExternalTool.Run(TimeSpan.FromSeconds(600), promtool, dir, "test", "rules", FleetQualityPromtoolTestFile.FileName);
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void The_scenario_fires_the_critical_and_the_slo_alert_while_degraded_and_resolves_after()
    {
        string[] At(int minute) => [.. FleetQualityPromtoolTestFile.FiringAt(Model, minute).Select(r => r.Labels.Single(l => l.Key == "severity").Value)];
        Assert.Multiple(() =>
        {
            Assert.That(At(50), Is.Empty);
            Assert.That(At(140), Is.EquivalentTo(new[] { "critical", "warning" }));
            Assert.That(At(240), Is.Empty);
            Assert.That(FleetQualityPromtoolScenario.Figures(120, TimeSpan.FromHours(1)).RocAuc,
                Is.LessThan(FleetQualityPromtoolScenario.Figures(50, TimeSpan.FromHours(1)).RocAuc - 0.1), "degraded scores are less separated");
        });
    }

    [Test]
    public void The_fleet_quality_promtool_tests_fail_when_the_accuracy_threshold_changes_under_them()
    {
        string promtool = ExternalTool.Require("promtool");
        var strict = new ModelMonitoringDefinition(FleetPromtoolScenario.Model, [SloObjective.Accuracy(0.8)], new MlObservability.Alerts.AlertThresholds { AccuracyCritical = 0.3 });
        var dir = WriteRulesAndTests(strict);
        var (code, output) = ExternalTool.Run(TimeSpan.FromSeconds(600), promtool, dir, "test", "rules", FleetQualityPromtoolTestFile.FileName);
        Assert.That(code, Is.Not.Zero, "an accuracy threshold of 0.3 is never crossed, so the expected critical alert is missing");
        Assert.That(output, Does.Contain(FleetRuleGenerator.FleetLowAccuracyAlert));
    }

    [Test]
    public void An_invalid_fleet_quality_definition_fails_with_what_to_fix()
    {
        var model = new ModelMonitoringDefinition("m") { FleetQuality = new FleetQualityDefinition { MinimumLabels = 0 } };
        Assert.That(() => FleetRuleGenerator.Generate([model]), Throws.ArgumentException.With.Message.Contains("FleetQualityDefinition.MinimumLabels"));
    }
}
