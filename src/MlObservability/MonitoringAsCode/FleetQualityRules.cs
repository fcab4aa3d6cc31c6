using System.Globalization;
using System.Text;
using MlObservability.Alerts;
using MlObservability.Quality;
using MlObservability.Slo;

namespace MlObservability.MonitoringAsCode;

/// <summary>
/// The fleet quality part of <see cref="FleetRuleGenerator"/>: from the fleet quality counters of every replica's
/// <see cref="QualityMonitor"/>, Prometheus sums the replicas and records, per model version and window, accuracy,
/// per-class precision, recall and F1, macro F1, binned ROC AUC, expected calibration error and MAE / RMSE / MAPE, in
/// the arithmetic of <see cref="FleetQualityStatistics"/>; the fleet accuracy alert uses the in-process thresholds and
/// <c>for</c> durations. Only PromQL that Prometheus 2.42 and 3.x both accept.
/// </summary>
internal static class FleetQualityRules
{
    /// <summary>The fleet accuracy alert.</summary>
    public const string FleetLowAccuracyAlert = "MlFleetLowAccuracy";

    private const string M = ExportedMetricNames.ModelLabel + ", " + ExportedMetricNames.ModelVersionLabel;
    private const string C = M + ", ml_class";
    private const string Bin = "ml_confidence_bin";

    /// <summary>The name of a recorded fleet quality figure over a window, e.g. <c>ml:quality_accuracy:1h</c>.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="window">The window.</param>
    /// <returns>The record name.</returns>
    public static string Record(string figure, TimeSpan window) =>
        $"{PrometheusRuleGenerator.RecordPrefix}quality_{figure}:{BurnRateWindowPair.FormatWindow(window)}";

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Sel(ModelMonitoringDefinition model, string extra = "") =>
        $"{{{ExportedMetricNames.ModelLabel}=\"{model.ModelName}\"{(extra.Length > 0 ? "," + extra : string.Empty)}}}";

    public static List<PrometheusRule> Recording(ModelMonitoringDefinition model)
    {
        var rules = new List<PrometheusRule>();
        void Add(string record, string expr) => rules.Add(new PrometheusRule(record, null, expr, TimeSpan.Zero, [new(AlertLabels.Model, model.ModelName)], []));
        string s = Sel(model);
        foreach (var window in model.FleetDrift.Windows)
        {
            string w = BurnRateWindowPair.FormatWindow(window);
            string R(string figure) => Record(figure, window) + s;
            string Inc(string metric, string by) => $"sum by ({by}) (increase({metric}{s}[{w}]))";

            // Classification: per class, then the figures.
            Add(Record("class_labelled", window), Inc(ExportedMetricNames.FleetQualityLabels, C));
            Add(Record("class_predicted", window), Inc(ExportedMetricNames.FleetQualityPredicted, C));
            Add(Record("class_correct", window), Inc(ExportedMetricNames.FleetQualityCorrect, C));
            Add(Record("labelled", window), $"sum by ({M}) ({R("class_labelled")})");
            Add(Record("accuracy", window), $"sum by ({M}) ({R("class_correct")}) / on({M}) ({R("labelled")} > 0)");
            Add(Record("precision", window), $"({R("class_correct")} / on({C}) ({R("class_predicted")} > 0)) or on({C}) (({R("class_labelled")} > 0) * 0)");
            Add(Record("recall", window), $"({R("class_correct")} / on({C}) ({R("class_labelled")} > 0)) or on({C}) (({R("class_predicted")} > 0) * 0)");
            Add(Record("f1", window), $"2 * {R("class_correct")} / on({C}) (({R("class_labelled")} + on({C}) {R("class_predicted")}) > 0)");
            Add(Record("macro_f1", window), $"avg by ({M}) ({R("f1")})");

            // Binary ROC AUC from the score bins: 1 - sum_b n_b (C+_b + C+_{b-1}) / (2 P N).
            string pos = R("score_positive");
            string neg = R("score_negative");
            Add(Record("score_positive", window), Inc(ExportedMetricNames.FleetQualityScorePositive, M + ", le"));
            Add(Record("score_negative", window), Inc(ExportedMetricNames.FleetQualityScoreNegative, M + ", le"));
            Add(Record("score_negative_bin", window), $"({Le(neg, "!=\"+Inf\"")} - on({M}, le) ({Shifted(neg)})) or {Le(neg, "=\"0\"")}");
            Add(Record("score_positive_below", window), $"({Shifted(pos)}) or ({Le(pos, "=\"0\"")} * 0)");
            Add(Record("roc_auc", window),
                $"1 - sum by ({M}) ({R("score_negative_bin")} * on({M}, le) ({Le(pos, "!=\"+Inf\"")} + on({M}, le) {R("score_positive_below")})) / on({M}) (2 * sum by ({M}) ({Le(pos, "=\"+Inf\"")}) * on({M}) sum by ({M}) ({Le(neg, "=\"+Inf\"")}) > 0)");

            // Calibration: the 10 in-process bins.
            Add(Record("calibration_count", window), Inc(ExportedMetricNames.FleetQualityCalibrationCount, $"{M}, {Bin}"));
            Add(Record("calibration_correct", window), Inc(ExportedMetricNames.FleetQualityCalibrationCorrect, $"{M}, {Bin}"));
            Add(Record("calibration_confidence", window), Inc(ExportedMetricNames.FleetQualityCalibrationConfidence, $"{M}, {Bin}"));
            Add(Record("calibration_error", window),
                $"sum by ({M}) (abs({R("calibration_correct")} - on({M}, {Bin}) {R("calibration_confidence")})) / on({M}) (sum by ({M}) ({R("calibration_count")}) > 0)");

            // Regression: exact from the sums.
            Add(Record("regression_labelled", window), Inc(ExportedMetricNames.FleetQualityRegressionCount, M));
            string n = $"({R("regression_labelled")} > 0)";
            Add(Record("mae", window), $"{Inc(ExportedMetricNames.FleetQualityAbsoluteError, M)} / on({M}) {n}");
            Add(Record("rmse", window), $"sqrt({Inc(ExportedMetricNames.FleetQualitySquaredError, M)} / on({M}) {n})");
            Add(Record("mape", window), $"{Inc(ExportedMetricNames.FleetQualityPercentageError, M)} / on({M}) {n}");
        }

        return rules;
    }

    public static List<PrometheusRule> Alerts(ModelMonitoringDefinition model)
    {
        var t = model.Thresholds;
        var aw = model.FleetDrift.AlertWindow;
        string w = BurnRateWindowPair.FormatWindow(aw);
        string s = Sel(model);
        string enough = $"and on({M}) {Record("labelled", aw)}{s} >= {model.FleetQuality.MinimumLabels.ToString(CultureInfo.InvariantCulture)}";
        var rules = new List<PrometheusRule>();
        void Add(Severity severity, double threshold, TimeSpan forDuration, string summary)
        {
            rules.Add(new PrometheusRule(null, FleetLowAccuracyAlert, $"{Record("accuracy", aw)}{s} < {Num(threshold)} {enough}", forDuration,
                [new(AlertLabels.Severity, AlertLabels.SeverityValue(severity)), new(AlertLabels.Model, model.ModelName)],
                [
                    new(AlertLabels.Summary, summary),
                    new(AlertLabels.Description, $"Fleet accuracy of {model.ModelName} over {w} (labelled predictions of all replicas) is below {Num(threshold)}."),
                    new(AlertLabels.Runbook, StandardAlertRules.Runbooks[StandardAlertRules.LowAccuracy]),
                ]));
        }

        Add(Severity.Critical, t.AccuracyCritical, t.AccuracyCriticalFor, "Fleet accuracy below the failure threshold");
        var slo = model.Slos.FirstOrDefault(o => o.Kind == SloObjectiveKind.Custom && o.Name == "accuracy");
        if (slo is not null)
        {
            Add(Severity.Warning, slo.Target, TimeSpan.FromHours(1), "Fleet accuracy below its SLO");
        }

        return rules;
    }

    private static string Le(string selector, string matcher) => $"{selector.TrimEnd('}')},le{matcher}}}";

    /// <summary>The cumulative counts moved up one bin (le = i - 1 relabelled as i), for every score bin.</summary>
    private static string Shifted(string cumulative)
    {
        var shifted = new StringBuilder();
        for (var i = 1; i < FleetQualityCounters.ScoreBins; i++)
        {
            shifted.Append(i > 1 ? " or " : string.Empty);
            shifted.Append(CultureInfo.InvariantCulture, $"label_replace({Le(cumulative, $"=\"{i - 1}\"")}, \"le\", \"{i}\", \"\", \"\")");
        }

        return shifted.ToString();
    }
}
