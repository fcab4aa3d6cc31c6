using System.Globalization;
using System.Text;
using MlObservability.Alerts;
using MlObservability.MonitoringAsCode;
using MlObservability.Quality;
using L = MlObservability.Tests.MonitoringAsCode.FleetQualityPromtoolScenario.Layout;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// Writes <c>promtool test rules</c> tests for the fleet quality rules of one model from
/// <see cref="FleetQualityPromtoolScenario"/>: every recorded figure, per window (and class), at chosen times must equal
/// the library's statistics over the union of the three replicas within 1e-9 (relative above 1), and at every tenth
/// minute exactly the fleet accuracy alerts whose condition has held for their <c>for</c> duration are firing.
/// </summary>
internal static class FleetQualityPromtoolTestFile
{
    public const string FileName = "fleet-quality.tests.yml";

    public static readonly int[] RecordingCheckMinutes = [50, 120, 240];

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static readonly string Base =
        $"{ExportedMetricNames.ModelLabel}=\"{FleetPromtoolScenario.Model}\",{ExportedMetricNames.ModelVersionLabel}=\"{FleetPromtoolScenario.Version}\"";

    public static string Build(ModelMonitoringDefinition model)
    {
        var text = PromtoolTestText.Header(nameof(FleetQualityPromtoolTestFile), null, FleetRuleGenerator.FileName, "1m", FleetRuleGenerator.BuildGroups([model]));
        PromtoolTestText.TestGroup(text, "1m", InputSeries());

        AppendRecordingChecks(text, model);
        AppendAlertChecks(text, model);
        return text.ToString();
    }

    private static IEnumerable<(string Series, string Values)> InputSeries()
    {
        for (int r = 0; r < FleetPromtoolScenario.Replicas.Length; r++)
        {
            string at = $"{Base},instance=\"{FleetPromtoolScenario.Replicas[r]}\",job=\"ml-service\"";
            var healthy = FleetQualityPromtoolScenario.Rates(r, false);
            var degraded = FleetQualityPromtoolScenario.Rates(r, true);
            (string, string) Series(string name, string labels, Func<double[], double> rate) =>
                ($"{name}{{{at}{labels}}}", Values(rate(healthy), rate(degraded)));

            for (int k = 0; k < 2; k++)
            {
                string c = $",ml_class=\"{FleetQualityPromtoolScenario.Classes[k]}\"";
                int kk = k;
                yield return Series(ExportedMetricNames.FleetQualityLabels, c, x => x[L.Labels + kk]);
                yield return Series(ExportedMetricNames.FleetQualityPredicted, c, x => x[L.Predicted + kk]);
                yield return Series(ExportedMetricNames.FleetQualityCorrect, c, x => x[L.Correct + kk]);
            }

            for (int le = 0; le <= FleetQualityCounters.ScoreBins; le++)
            {
                int through = Math.Min(le, FleetQualityCounters.ScoreBins - 1);
                string labels = $",le=\"{(le == FleetQualityCounters.ScoreBins ? "+Inf" : le.ToString(CultureInfo.InvariantCulture))}\"";
                yield return Series(ExportedMetricNames.FleetQualityScorePositive, labels, x => x[L.Positive..(L.Positive + through + 1)].Sum());
                yield return Series(ExportedMetricNames.FleetQualityScoreNegative, labels, x => x[L.Negative..(L.Negative + through + 1)].Sum());
            }

            for (int b = 0; b < FleetQualityCounters.CalibrationBins; b++)
            {
                string labels = $",ml_confidence_bin=\"{b}\"";
                int bb = b;
                yield return Series(ExportedMetricNames.FleetQualityCalibrationCount, labels, x => x[L.CalibrationCount + bb]);
                yield return Series(ExportedMetricNames.FleetQualityCalibrationCorrect, labels, x => x[L.CalibrationCorrect + bb]);
                yield return Series(ExportedMetricNames.FleetQualityCalibrationConfidence, labels, x => x[L.CalibrationConfidence + bb]);
            }

            yield return Series(ExportedMetricNames.FleetQualityRegressionCount, string.Empty, x => x[L.Regression]);
            yield return Series(ExportedMetricNames.FleetQualityAbsoluteError, string.Empty, x => x[L.Regression + 1]);
            yield return Series(ExportedMetricNames.FleetQualitySquaredError, string.Empty, x => x[L.Regression + 2]);
            yield return Series(ExportedMetricNames.FleetQualityPercentageError, string.Empty, x => x[L.Regression + 3]);
        }
    }

    /// <summary>A counter growing by <paramref name="healthy"/> a minute, then <paramref name="degraded"/>, then
    /// <paramref name="healthy"/> again, in promtool's expanding notation.</summary>
    private static string Values(double healthy, double degraded)
    {
        int s = FleetQualityPromtoolScenario.DegradeStart, e = FleetQualityPromtoolScenario.DegradeEnd, end = FleetQualityPromtoolScenario.Minutes;
        double atStart = healthy * s;
        double atEnd = atStart + (degraded * (e - s));
        return $"0+{N(healthy)}x{s} {N(atStart + degraded)}+{N(degraded)}x{e - s - 1} {N(atEnd + healthy)}+{N(healthy)}x{end - e - 1}";
    }

    private static void Check(StringBuilder text, string record, string extraLabels, double expected, int minute, string resultLabels)
    {
        double tolerance = 1e-9 * Math.Max(1, Math.Abs(expected));
        text.Append("      - expr: ").Append(YamlText.Quote($"abs({record}{{{Base}{extraLabels}}} - {N(expected)}) <= bool {N(tolerance)}")).Append('\n');
        text.Append("        eval_time: ").Append(minute).Append("m\n");
        text.Append("        exp_samples:\n");
        text.Append("          - labels: ").Append(YamlText.Quote($"{{{Base}{resultLabels},{AlertLabels.Model}=\"{FleetPromtoolScenario.Model}\"}}")).Append('\n');
        text.Append("            value: 1\n");
    }

    private static void AppendRecordingChecks(StringBuilder text, ModelMonitoringDefinition model)
    {
        text.Append("    promql_expr_test:\n");
        foreach (int minute in RecordingCheckMinutes)
        {
            foreach (var window in model.FleetDrift.Windows)
            {
                var f = FleetQualityPromtoolScenario.Figures(minute, window);
                string R(string figure) => FleetQualityRules.Record(figure, window);
                Check(text, R("labelled"), string.Empty, f.Labelled, minute, string.Empty);
                Check(text, R("accuracy"), string.Empty, f.Accuracy, minute, string.Empty);
                Check(text, R("macro_f1"), string.Empty, f.MacroF1, minute, string.Empty);
                Check(text, R("roc_auc"), string.Empty, f.RocAuc, minute, string.Empty);
                Check(text, R("calibration_error"), string.Empty, f.ExpectedCalibrationError, minute, string.Empty);
                Check(text, R("regression_labelled"), string.Empty, f.RegressionCount, minute, string.Empty);
                Check(text, R("mae"), string.Empty, f.Mae, minute, string.Empty);
                Check(text, R("rmse"), string.Empty, f.Rmse, minute, string.Empty);
                Check(text, R("mape"), string.Empty, f.Mape, minute, string.Empty);
                foreach (var c in f.Classes)
                {
                    string cl = $",ml_class=\"{FleetQualityPromtoolScenario.Classes[c.ClassIndex]}\"";
                    Check(text, R("precision"), cl, c.Precision, minute, cl);
                    Check(text, R("recall"), cl, c.Recall, minute, cl);
                    Check(text, R("f1"), cl, c.F1, minute, cl);
                }
            }
        }
    }

    /// <summary>One alert rule's condition at one minute, from the library's statistics.</summary>
    private static bool Condition(PrometheusRule rule, int minute, ModelMonitoringDefinition model)
    {
        var f = FleetQualityPromtoolScenario.Figures(minute, model.FleetDrift.AlertWindow);
        if (!(f.Labelled >= model.FleetQuality.MinimumLabels))
        {
            return false;
        }

        bool critical = rule.Labels.Single(l => l.Key == AlertLabels.Severity).Value == "critical";
        double threshold = critical ? model.Thresholds.AccuracyCritical : model.Slos.Single(s => s.Name == "accuracy").Target;
        return f.Accuracy < threshold;
    }

    private static PrometheusRule[] AlertRules(ModelMonitoringDefinition model) =>
        [.. FleetRuleGenerator.BuildGroups([model]).SelectMany(g => g.Rules).Where(r => r.Alert == FleetRuleGenerator.FleetLowAccuracyAlert)];

    /// <summary>The severities of the fleet accuracy alerts firing at a minute.</summary>
    public static IEnumerable<PrometheusRule> FiringAt(ModelMonitoringDefinition model, int minute)
    {
        foreach (var rule in AlertRules(model))
        {
            int forMinutes = (int)rule.For.TotalMinutes;
            if (minute - forMinutes >= 0 && Enumerable.Range(minute - forMinutes, forMinutes + 1).All(t => Condition(rule, t, model)))
            {
                yield return rule;
            }
        }
    }

    private static void AppendAlertChecks(StringBuilder text, ModelMonitoringDefinition model)
    {
        text.Append("    alert_rule_test:\n");
        for (int minute = 10; minute <= FleetQualityPromtoolScenario.Minutes; minute += 10)
        {
            text.Append("      - eval_time: ").Append(minute).Append("m\n");
            text.Append("        alertname: ").Append(FleetRuleGenerator.FleetLowAccuracyAlert).Append('\n');
            var firing = FiringAt(model, minute).ToList();
            if (firing.Count == 0)
            {
                text.Append("        exp_alerts: []\n");
                continue;
            }

            text.Append("        exp_alerts:\n");
            foreach (var rule in firing)
            {
                var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [ExportedMetricNames.ModelLabel] = FleetPromtoolScenario.Model,
                    [ExportedMetricNames.ModelVersionLabel] = FleetPromtoolScenario.Version,
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
                    text.Append("              ").Append(k).Append(": ").Append(YamlText.Quote(v)).Append('\n');
                }
            }
        }
    }
}
