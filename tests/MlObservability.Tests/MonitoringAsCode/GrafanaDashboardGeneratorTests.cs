using System.Text.Json;
using System.Text.RegularExpressions;
using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

public sealed partial class GrafanaDashboardGeneratorTests
{
    private static readonly string[] PanelTypes = ["timeseries", "stat", "bargauge", "row"];

    [GeneratedRegex(@"(?<![\w:{,""])([a-z_][a-z0-9_]*)(?=\{|\[|\s*\)|$)")]
    private static partial Regex Identifier();

    private static IEnumerable<JsonElement> Panels(JsonElement dashboard) => dashboard.GetProperty("panels").EnumerateArray();

    [TestCaseSource(typeof(SampleDefinitions), nameof(SampleDefinitions.Models))]
    public void Dashboard_has_the_four_pages_and_valid_panels(ModelMonitoringDefinition model)
    {
        var dashboard = JsonDocument.Parse(GrafanaDashboardGenerator.Generate(model)).RootElement;
        var panels = Panels(dashboard).ToArray();
        var rows = panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new[] { "System health", "Model quality", "Drift", "Resources", "Fleet drift", "Challengers and router" }));
            Assert.That(panels.Select(p => p.GetProperty("id").GetInt32()), Is.Unique);
            Assert.That(dashboard.GetProperty("uid").GetString()!.Length, Is.LessThanOrEqualTo(40));
            foreach (var panel in panels)
            {
                string title = panel.GetProperty("title").GetString()!;
                Assert.That(PanelTypes, Does.Contain(panel.GetProperty("type").GetString()), title);
                var grid = panel.GetProperty("gridPos");
                Assert.That(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), Is.LessThanOrEqualTo(24), title);
                if (panel.GetProperty("type").GetString() == "row")
                {
                    continue;
                }

                var targets = panel.GetProperty("targets").EnumerateArray().ToArray();
                Assert.That(targets, Is.Not.Empty, title);
                Assert.That(targets.Select(t => t.GetProperty("refId").GetString()), Is.Unique, title);
                Assert.That(targets.All(t => t.GetProperty("expr").GetString()!.Length > 0), title);
            }
        });
    }

    [TestCaseSource(typeof(SampleDefinitions), nameof(SampleDefinitions.Models))]
    public void Every_query_references_only_exported_metric_names(ModelMonitoringDefinition model)
    {
        var dashboard = JsonDocument.Parse(GrafanaDashboardGenerator.Generate(model)).RootElement;
        var functions = new HashSet<string> { "sum", "rate", "max", "avg", "by", "histogram_quantile", "le", "quantile" };
        var exprs = Panels(dashboard).Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToArray();
        var metrics = exprs.SelectMany(e => Identifier().Matches(Regex.Replace(e, "\"[^\"]*\"", "\"\"")).Select(m => m.Groups[1].Value))
            .Where(n => !functions.Contains(n) && !n.StartsWith("ml_model_name", StringComparison.Ordinal)).Distinct().ToArray();
        var labels = new[] { ExportedMetricNames.OutcomeLabel, ExportedMetricNames.FeatureLabel, ExportedMetricNames.PredictionClassLabel, ExportedMetricNames.QuantileLabel, ExportedMetricNames.GcGenerationLabel, ExportedMetricNames.NotificationOutcomeLabel, ExportedMetricNames.AlertSeverityLabel, ExportedMetricNames.DriftMethodLabel, ExportedMetricNames.DriftBoundLabel, ExportedMetricNames.DriftStreamLabel, ExportedMetricNames.SloNameLabel, ExportedMetricNames.ModelVersionLabel, ExportedMetricNames.OutcomeNameLabel, ExportedMetricNames.OutcomeJoinLabel, ExportedMetricNames.OutcomeDropReasonLabel, ExportedMetricNames.ChallengerVersionLabel, ExportedMetricNames.ChallengerRoleLabel, ExportedMetricNames.ChallengerDropReasonLabel, ExportedMetricNames.RouterActionLabel, ExportedMetricNames.RouterOutcomeLabel };
        var names = metrics.Except(labels).ToArray();
        Assert.That(names, Is.SupersetOf(new[] { ExportedMetricNames.InferenceRequests, ExportedMetricNames.DriftScore, ExportedMetricNames.ProcessCpuUtilization }));
        Assert.That(names, Is.SubsetOf(ExportedMetricNames.All), string.Join(", ", names.Except(ExportedMetricNames.All)));
    }

    [Test]
    public void Thresholds_follow_the_model_slos()
    {
        var dashboard = JsonDocument.Parse(GrafanaDashboardGenerator.Generate(SampleDefinitions.Models[1])).RootElement;
        var latency = Panels(dashboard).Single(p => p.GetProperty("title").GetString()!.StartsWith("Latency", StringComparison.Ordinal));
        var steps = latency.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps").EnumerateArray()
            .Skip(1).Select(s => s.GetProperty("value").GetDouble()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(latency.GetProperty("title").GetString(), Is.EqualTo("Latency P99 vs 250 ms SLO"));
            Assert.That(steps, Is.EqualTo(new[] { 0.25, 0.5 }));
        });
    }
}
