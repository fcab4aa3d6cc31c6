using System.Globalization;
using System.Text;
using MlObservability.Alerts;
using MlObservability.Drift;
using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// Writes <c>promtool test rules</c> tests for the fleet rules of one model from <see cref="FleetPromtoolScenario"/>:
/// every recorded figure, per feature and window, at chosen times must equal the library's binned statistics over the
/// union of the three replicas within 1e-9 (relative where the figure exceeds 1), and at every tenth minute exactly
/// the fleet drift alerts whose condition has held for their <c>for</c> duration are firing.
/// </summary>
internal static class FleetPromtoolTestFile
{
    public static readonly int[] RecordingCheckMinutes = [120, 240];

    public static string Build(ModelMonitoringDefinition model)
    {
        var text = PromtoolTestText.Header(nameof(FleetPromtoolTestFile), null, FleetRuleGenerator.FileName, "1m", FleetRuleGenerator.BuildGroups([model]));
        PromtoolTestText.TestGroup(text, "1m", InputSeries());

        AppendRecordingChecks(text, model);
        AppendAlertChecks(text, model);
        return text.ToString();
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Labels(string feature) =>
        $"{ExportedMetricNames.ModelLabel}=\"{FleetPromtoolScenario.Model}\",{ExportedMetricNames.ModelVersionLabel}=\"{FleetPromtoolScenario.Version}\",{ExportedMetricNames.FeatureLabel}=\"{feature}\"";

    private static IEnumerable<(string Series, string Values)> InputSeries()
    {
        for (var r = 0; r < FleetPromtoolScenario.Replicas.Length; r++)
        {
            string instance = $"instance=\"{FleetPromtoolScenario.Replicas[r]}\",job=\"ml-service\"";
            foreach (var f in FleetPromtoolScenario.Features)
            {
                var k = f.ReferenceCdf.Length;
                for (var le = 0; le <= k; le++)
                {
                    var bin = Math.Min(le, k - 1);
                    string leLabel = FleetFeature.LeOf(le, k);
                    yield return ($"{ExportedMetricNames.FeatureBin}{{{Labels(f.Name)},{instance},le=\"{leLabel}\"}}", CounterValues(f, r, bin));
                    yield return ($"{ExportedMetricNames.FeatureReferenceFraction}{{{Labels(f.Name)},{instance},le=\"{leLabel}\"}}",
                        $"{N(le >= k ? 1 : f.ReferenceCdf[bin])}+0x{FleetPromtoolScenario.Minutes}");
                }

                yield return ($"{ExportedMetricNames.FeatureReferenceRows}{{{Labels(f.Name)},{instance},{ExportedMetricNames.FeatureKindLabel}=\"{(f.Categorical ? "categorical" : "numeric")}\"}}",
                    $"{f.ReferenceRows}+0x{FleetPromtoolScenario.Minutes}");
            }
        }
    }

    /// <summary>The cumulative counter through <paramref name="bin"/> of one replica as promtool's expanding notation:
    /// one linear segment per phase.</summary>
    private static string CounterValues(FleetPromtoolScenario.Feature f, int replica, int bin)
    {
        long Rate(int[] perBin) => perBin.Take(bin + 1).Sum();
        long healthy = Rate(f.Healthy[replica]);
        long shifted = Rate(f.Shifted[replica]);
        int s = FleetPromtoolScenario.ShiftStart;
        int e = FleetPromtoolScenario.ShiftEnd;
        int end = FleetPromtoolScenario.Minutes;
        long atShiftStart = healthy * s;
        long atShiftEnd = atShiftStart + (shifted * (e - s));
        return $"0+{healthy}x{s} {atShiftStart + shifted}+{shifted}x{e - s - 1} {atShiftEnd + healthy}+{healthy}x{end - e - 1}";
    }

    private static readonly (string Figure, Func<FleetDriftFigures, double> Value)[] Figures =
    [
        ("rows", f => f.Rows),
        ("psi", f => f.Psi),
        ("js", f => f.JensenShannon),
        ("ks_d", f => f.KsD),
        ("ks_p_value", f => f.KsPValue),
        ("ks_critical", f => f.KsCritical),
        ("chi_square", f => f.ChiSquare),
        ("chi_square_df", f => f.ChiSquareDf),
        ("chi_square_critical", f => f.ChiSquareCritical),
        ("cohens_w", f => f.CohensW),
    ];

    private static void AppendRecordingChecks(StringBuilder text, ModelMonitoringDefinition model)
    {
        text.Append("    promql_expr_test:\n");
        foreach (var minute in RecordingCheckMinutes)
        {
            foreach (var window in model.FleetDrift.Windows)
            {
                foreach (var f in FleetPromtoolScenario.Features)
                {
                    var figures = FleetPromtoolScenario.Figures(f, minute, window, model.FleetDrift);
                    foreach (var (figure, value) in Figures)
                    {
                        var expected = value(figures);
                        if (double.IsNaN(expected))
                        {
                            continue;
                        }

                        var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected));
                        text.Append("      - expr: ").Append(YamlText.Quote(
                            $"abs({FleetRuleGenerator.Record(figure, window)}{{{Labels(f.Name)}}} - {N(expected)}) <= bool {N(tolerance)}")).Append('\n');
                        text.Append("        eval_time: ").Append(minute).Append("m\n");
                        text.Append("        exp_samples:\n");
                        text.Append("          - labels: ").Append(YamlText.Quote($"{{{Labels(f.Name)},{AlertLabels.Model}=\"{FleetPromtoolScenario.Model}\"}}")).Append('\n');
                        text.Append("            value: 1\n");
                    }
                }
            }
        }
    }

    /// <summary>One alert rule's condition for one feature at one minute, from the library's statistics.</summary>
    private static bool Condition(PrometheusRule rule, FleetPromtoolScenario.Feature f, int minute, ModelMonitoringDefinition model)
    {
        var d = model.FleetDrift;
        var figures = FleetPromtoolScenario.Figures(f, minute, d.AlertWindow, d);
        if (!(figures.Rows >= d.MinimumRows))
        {
            return false;
        }

        string method = rule.Labels.Single(l => l.Key == ExportedMetricNames.DriftMethodLabel).Value;
        var severity = rule.Labels.Single(l => l.Key == AlertLabels.Severity).Value == "critical" ? Severity.Critical : Severity.Warning;
        return method switch
        {
            "psi" => figures.Psi >= d.Psi.ThresholdOf(severity),
            "ks" => !f.Categorical && figures.KsD >= d.KolmogorovSmirnov.ThresholdOf(severity),
            _ => f.Categorical && figures.CohensW >= d.ChiSquare.ThresholdOf(severity),
        };
    }

    private static void AppendAlertChecks(StringBuilder text, ModelMonitoringDefinition model)
    {
        var rules = FleetRuleGenerator.BuildGroups([model]).SelectMany(g => g.Rules).Where(r => r.Alert == FleetRuleGenerator.FleetDriftAlert).ToArray();
        var conditions = new Dictionary<(PrometheusRule, string), bool[]>();
        foreach (var rule in rules)
        {
            foreach (var f in FleetPromtoolScenario.Features)
            {
                conditions[(rule, f.Name)] = [.. Enumerable.Range(0, FleetPromtoolScenario.Minutes + 1).Select(t => Condition(rule, f, t, model))];
            }
        }

        text.Append("    alert_rule_test:\n");
        for (var minute = 10; minute <= FleetPromtoolScenario.Minutes; minute += 10)
        {
            text.Append("      - eval_time: ").Append(minute).Append("m\n");
            text.Append("        alertname: ").Append(FleetRuleGenerator.FleetDriftAlert).Append('\n');
            var firing = new List<(PrometheusRule Rule, string Feature)>();
            foreach (var rule in rules)
            {
                var forMinutes = (int)rule.For.TotalMinutes;
                foreach (var f in FleetPromtoolScenario.Features)
                {
                    var held = conditions[(rule, f.Name)];
                    if (minute - forMinutes >= 0 && Enumerable.Range(minute - forMinutes, forMinutes + 1).All(t => held[t]))
                    {
                        firing.Add((rule, f.Name));
                    }
                }
            }

            if (firing.Count == 0)
            {
                text.Append("        exp_alerts: []\n");
                continue;
            }

            text.Append("        exp_alerts:\n");
            foreach (var (rule, feature) in firing)
            {
                var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [ExportedMetricNames.ModelLabel] = FleetPromtoolScenario.Model,
                    [ExportedMetricNames.ModelVersionLabel] = FleetPromtoolScenario.Version,
                    [ExportedMetricNames.FeatureLabel] = feature,
                };
                foreach (var (k, v) in rule.Labels)
                {
                    labels[k] = v;
                }

                text.Append("          - exp_labels:\n");
                foreach (var (k, v) in labels)
                {
                    text.Append("              ").Append(k).Append(": ").Append(YamlText.Quote(v)).Append('\n');
                }

                text.Append("            exp_annotations:\n");
                foreach (var (k, v) in rule.Annotations)
                {
                    string rendered = v.Replace($"{{{{ $labels.{ExportedMetricNames.FeatureLabel} }}}}", feature, StringComparison.Ordinal);
                    text.Append("              ").Append(k).Append(": ").Append(YamlText.Quote(rendered)).Append('\n');
                }
            }
        }
    }

    /// <summary>Which alerts the scenario expects at a minute, for the tests' own assertions.</summary>
    public static IEnumerable<(string Severity, string Method, string Feature)> FiringAt(ModelMonitoringDefinition model, int minute)
    {
        foreach (var rule in FleetRuleGenerator.BuildGroups([model]).SelectMany(g => g.Rules).Where(r => r.Alert == FleetRuleGenerator.FleetDriftAlert))
        {
            var forMinutes = (int)rule.For.TotalMinutes;
            foreach (var f in FleetPromtoolScenario.Features)
            {
                if (minute - forMinutes >= 0 && Enumerable.Range(minute - forMinutes, forMinutes + 1).All(t => Condition(rule, f, t, model)))
                {
                    yield return (rule.Labels.Single(l => l.Key == AlertLabels.Severity).Value, rule.Labels.Single(l => l.Key == ExportedMetricNames.DriftMethodLabel).Value, f.Name);
                }
            }
        }
    }
}
