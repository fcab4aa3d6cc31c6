using System.Text.Json;
using System.Text.RegularExpressions;
using MlObservability.MonitoringAsCode;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>
/// The generated Prometheus rules, promtool rule tests and Grafana dashboards (docs/monitoring/) query only metric
/// families that docs/metrics.md documents; <see cref="MetricsDocumentationTests"/> ties that table to a real scrape,
/// so every query references a name the exporter really produces.
/// </summary>
public sealed partial class GeneratedMonitoringNamesTests
{
    /// <summary>Series Prometheus itself creates (scrape health, alert state).</summary>
    private static readonly HashSet<string> PrometheusBuiltIns =
        ["up", "scrape_duration_seconds", "scrape_samples_scraped", "ALERTS", "ALERTS_FOR_STATE"];

    /// <summary>PromQL words that look like names: aggregation modifiers, set operators, offsets.</summary>
    private static readonly HashSet<string> PromQlKeywords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan"];

    private static string Docs(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "docs", .. parts]);

    private static HashSet<string> DocumentedSeriesNames()
    {
        string doc = File.ReadAllText(Docs("metrics.md"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(doc))
        {
            string family = row.Groups["prom"].Value;
            names.Add(family);
            if (row.Groups["type"].Value.Trim() == "histogram")
            {
                names.UnionWith([family + "_bucket", family + "_sum", family + "_count"]);
            }
        }

        return names;
    }

    private static IEnumerable<(string File, string Expression)> RuleExpressions()
    {
        foreach (string file in new[] { PrometheusRuleGenerator.FileName, "ml-alerts.tests.yml", "ml-alerts.daylong.tests.yml", FleetRuleGenerator.FileName })
        {
            foreach (Match m in YamlExpression().Matches(File.ReadAllText(Docs("monitoring", file))))
            {
                yield return (file, m.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal));
            }
        }
    }

    private static IEnumerable<(string File, string Expression)> DashboardExpressions()
    {
        foreach (string path in Directory.GetFiles(Docs("monitoring"), "grafana-dashboard-*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
            foreach (string expr in Expressions(dashboard.RootElement))
            {
                yield return (Path.GetFileName(path), expr);
            }
        }
    }

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }
                else
                {
                    foreach (string e in Expressions(property.Value))
                    {
                        yield return e;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (string e in Expressions(item))
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>The series names a PromQL expression (or a promtool input series) selects.</summary>
    internal static IEnumerable<string> SeriesNames(string expression)
    {
        string text = QuotedString().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = RangeOrDuration().Replace(text, " ");
        foreach (Match m in Identifier().Matches(text))
        {
            string name = m.Groups["name"].Value;
            bool isFunction = m.Groups["call"].Success;
            if (!isFunction && !PromQlKeywords.Contains(name))
            {
                yield return name;
            }
        }
    }

    [Test]
    public void Series_name_extraction_skips_functions_labels_strings_and_durations()
    {
        string expr = "histogram_quantile(0.95, sum by (le) (rate(ml_a_bucket{ml_model_name=\"x\",le=\"0.5\"}[5m]))) / "
            + "avg_over_time(ml:rec:5m{model=\"x\"}[60m] offset 10m) > bool 1e-3 and on (model) up";
        Assert.That(SeriesNames(expr).ToArray(), Is.EqualTo(new[] { "ml_a_bucket", "ml:rec:5m", "up" }));
    }

    [Test]
    public void The_generated_artefacts_contain_queries()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RuleExpressions().Count(e => e.File == PrometheusRuleGenerator.FileName), Is.GreaterThan(20));
            Assert.That(RuleExpressions().Count(e => e.File != PrometheusRuleGenerator.FileName), Is.GreaterThan(20));
            Assert.That(DashboardExpressions().Select(e => e.File).Distinct().Count(), Is.GreaterThanOrEqualTo(2));
            Assert.That(DashboardExpressions().Count(), Is.GreaterThan(20));
        });
    }

    [Test]
    public void Every_metric_queried_by_the_generated_rules_and_dashboards_is_documented()
    {
        var documented = DocumentedSeriesNames();
        Assert.That(documented, Has.Count.GreaterThanOrEqualTo(30), "docs/metrics.md lists every instrument");
        var unknown = RuleExpressions().Concat(DashboardExpressions())
            .SelectMany(e => SeriesNames(e.Expression).Select(name => (e.File, Name: name)))
            .Where(n => !documented.Contains(n.Name) && !n.Name.StartsWith("ml:", StringComparison.Ordinal) && !PrometheusBuiltIns.Contains(n.Name))
            .Select(n => $"{n.File}: {n.Name}")
            .Distinct()
            .ToList();
        Assert.That(unknown, Is.Empty, "queried names that the exporter does not produce (see docs/metrics.md)");
    }

    [Test]
    public void Every_exported_metric_name_constant_is_documented()
    {
        var documented = DocumentedSeriesNames();
        Assert.That(ExportedMetricNames.All.Where(n => !documented.Contains(n)), Is.Empty);
    }

    [Test]
    public void Queries_use_the_documented_labels_of_the_quantile_gauges_and_gc_collections()
    {
        var dashboards = DashboardExpressions().Select(e => e.Expression).ToList();
        var quantileQueries = dashboards.Where(e => e.Contains(ExportedMetricNames.InferenceDurationQuantile, StringComparison.Ordinal)).ToList();
        var gcQueries = dashboards.Where(e => e.Contains(ExportedMetricNames.RuntimeGcCollections, StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(quantileQueries, Is.Not.Empty);
            Assert.That(quantileQueries.Where(e => !e.Contains($"{ExportedMetricNames.QuantileLabel}=\"", StringComparison.Ordinal)), Is.Empty);
            Assert.That(gcQueries, Is.Not.Empty);
            Assert.That(gcQueries.Where(e => !e.Contains($"by ({ExportedMetricNames.GcGenerationLabel})", StringComparison.Ordinal)), Is.Empty);
            Assert.That(dashboards.Concat(RuleExpressions().Select(e => e.Expression)).Where(e => SummaryQuantileLabel().IsMatch(e)), Is.Empty,
                "the quantile gauges are labelled ml_quantile; Prometheus reserves quantile for summaries");
        });
    }

    [GeneratedRegex(@"[{,(]\s*quantile\s*(?:[=!~)]|,)")]
    private static partial Regex SummaryQuantileLabel();

    [GeneratedRegex(@"^\| `(?<otel>ml\.[a-z0-9._]+)` \| `(?<prom>ml_[a-z0-9_]+)` \| (?<type>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^\s*(?:- )?(?:expr|series): '(?<value>(?:[^']|'')*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex YamlExpression();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\[\]]*\]|\boffset\s+\w+")]
    private static partial Regex RangeOrDuration();

    [GeneratedRegex(@"(?<![\w:.])(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
