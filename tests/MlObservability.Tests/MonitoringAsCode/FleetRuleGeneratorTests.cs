using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>The generated fleet rules under the real promtool: they load, their recorded figures equal the library's
/// binned statistics over three replicas' union, and the fleet drift alerts fire and resolve when the library says.</summary>
public sealed class FleetRuleGeneratorTests
{
    private static readonly ModelMonitoringDefinition Model = new(FleetPromtoolScenario.Model);

    private static string WriteRulesAndTests(ModelMonitoringDefinition rulesModel)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlobs-fleet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, FleetRuleGenerator.FileName), FleetRuleGenerator.Generate([rulesModel]));
        File.WriteAllText(Path.Combine(dir, "fleet.tests.yml"), FleetPromtoolTestFile.Build(Model));
        return dir;
    }

    [Test]
    public void Generated_fleet_rules_pass_promtool_check_rules()
    {
        string promtool = ExternalTool.Require("promtool");
        var dir = WriteRulesAndTests(Model);
        File.WriteAllText(Path.Combine(dir, "samples.yml"), FleetRuleGenerator.Generate(SampleDefinitions.Models));
        foreach (var file in new[] { FleetRuleGenerator.FileName, "samples.yml" })
        {
            var (code, output) = ExternalTool.Run(promtool, dir, "check", "rules", file);
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("SUCCESS"));
        }
    }

    [Test]
    public void Recorded_fleet_figures_equal_the_library_statistics_and_alerts_fire_and_resolve_on_time()
    {
        string promtool = ExternalTool.Require("promtool");
        var dir = WriteRulesAndTests(Model);
        var (code, output) = ExternalTool.Run(TimeSpan.FromSeconds(600), promtool, dir, "test", "rules", "fleet.tests.yml");
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void The_scenario_flags_the_shifted_features_only_and_recovers()
    {
        var during = FleetPromtoolTestFile.FiringAt(Model, 140).ToList();
        var after = FleetPromtoolTestFile.FiringAt(Model, 240).ToList();
        var before = FleetPromtoolTestFile.FiringAt(Model, 50).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(during.Select(a => a.Feature).Distinct(), Is.EquivalentTo(new[] { "amount", "channel" }));
            Assert.That(during, Does.Contain(("critical", "psi", "amount")));
            Assert.That(during, Does.Contain(("critical", "ks", "amount")));
            Assert.That(during, Does.Contain(("warning", "chi_square", "channel")));
            Assert.That(during.Any(a => a.Method == "ks" && a.Feature == "channel"), Is.False, "KS does not apply to a categorical feature");
            Assert.That(after, Is.Empty, "resolved once the window holds only healthy traffic");
            Assert.That(before, Is.Empty);
        });
    }

    [Test]
    public void The_fleet_promtool_tests_fail_when_a_threshold_changes_under_them()
    {
        string promtool = ExternalTool.Require("promtool");
        var strict = new ModelMonitoringDefinition(FleetPromtoolScenario.Model)
        {
            FleetDrift = new FleetDriftDefinition { Psi = new MlObservability.Drift.DriftThresholds(0.1, 0.2, 50) },
        };
        var dir = WriteRulesAndTests(strict);
        var (code, output) = ExternalTool.Run(TimeSpan.FromSeconds(600), promtool, dir, "test", "rules", "fleet.tests.yml");
        Assert.That(code, Is.Not.Zero, "a PSI critical threshold of 50 is never crossed, so the expected critical PSI alert is missing");
        Assert.That(output, Does.Contain(FleetRuleGenerator.FleetDriftAlert));
    }

    [Test]
    public void The_fleet_promtool_tests_fail_when_a_recorded_figure_is_off()
    {
        string promtool = ExternalTool.Require("promtool");
        var other = new ModelMonitoringDefinition(FleetPromtoolScenario.Model) { FleetDrift = new FleetDriftDefinition { PsiEpsilon = 1e-3 } };
        var dir = WriteRulesAndTests(other);
        var (code, output) = ExternalTool.Run(TimeSpan.FromSeconds(600), promtool, dir, "test", "rules", "fleet.tests.yml");
        Assert.That(code, Is.Not.Zero, "a different epsilon changes PSI where the reference has no value (the other bin of channel)");
        Assert.That(output, Does.Contain("ml:feature_psi:1h"));
    }

    [Test]
    public void Checked_in_fleet_rules_match_the_generator()
    {
        SampleDefinitions.ApproveFile(FleetRuleGenerator.FileName, FleetRuleGenerator.Generate(SampleDefinitions.Models));
    }

    [TestCase("windows")]
    [TestCase("alert-window")]
    [TestCase("alpha")]
    [TestCase("thresholds")]
    public void An_invalid_fleet_definition_fails_with_what_to_fix(string what)
    {
        var d = what switch
        {
            "windows" => new FleetDriftDefinition { Windows = [TimeSpan.FromSeconds(30)] },
            "alert-window" => new FleetDriftDefinition { AlertWindow = TimeSpan.FromHours(6) },
            "alpha" => new FleetDriftDefinition { Alpha = 0.7 },
            _ => new FleetDriftDefinition { Psi = new MlObservability.Drift.DriftThresholds(0.3, 0.2, 0.1) },
        };
        var model = new ModelMonitoringDefinition("m") { FleetDrift = d };
        Assert.That(() => FleetRuleGenerator.Generate([model]), Throws.ArgumentException.With.Message.Contains("FleetDriftDefinition."));
    }
}
