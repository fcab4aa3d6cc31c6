using System.Globalization;
using System.Text;
using MlObservability.Alerts;
using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// Writes promtool unit tests (<c>promtool test rules</c>) for one model: input series for a scenario and the alerts
/// expected to fire, with labels and annotations taken from the generated rules. Scenarios: healthy traffic, an
/// error burst, slow responses, drift with low accuracy, and a high low-confidence share.
/// </summary>
internal static class PromtoolUnitTestFile
{
    private const string Version = "v1";

    /// <summary>The file of the minute-scale scenarios, evaluated every minute.</summary>
    public const string FileName = "ml-alerts.tests.yml";

    /// <summary>
    /// The file of the day-long scenarios (an alert whose <c>for</c> is a day), evaluated every 10 minutes: promtool
    /// evaluates every rule at every step, so a day at one-minute steps cost more CPU than all other scenarios together.
    /// </summary>
    public const string DayLongFileName = "ml-alerts.daylong.tests.yml";

    /// <summary>The minute-scale scenarios of every model: healthy traffic, errors, latency, drift, detectors, budgets, age.</summary>
    public static string Build(IEnumerable<ModelMonitoringDefinition> models)
    {
        var text = Header(FileName, "1m", models);
        foreach (var model in models)
        {
            AppendModel(text, model);
        }

        return text.ToString();
    }

    /// <summary>The day-long scenarios of every model: low user satisfaction, whose <c>for</c> is a day.</summary>
    public static string BuildDayLong(IEnumerable<ModelMonitoringDefinition> models)
    {
        var text = Header(DayLongFileName, DayLongStepMinutes + "m", models);
        foreach (var model in models)
        {
            var rules = PrometheusRuleGenerator.BuildGroups([model]).SelectMany(g => g.Rules).Where(r => r.Alert is not null).ToArray();
            LowUserSatisfaction(text, model, rules, $"ml_model_name=\"{model.ModelName}\",ml_model_version=\"{Version}\"");
        }

        return text.ToString();
    }

    private const int DayLongStepMinutes = 10;

    private static StringBuilder Header(string fileName, string evaluationInterval, IEnumerable<ModelMonitoringDefinition> models) =>
        PromtoolTestText.Header(nameof(PromtoolUnitTestFile), "promtool test rules docs/monitoring/" + fileName, PrometheusRuleGenerator.FileName, evaluationInterval, PrometheusRuleGenerator.BuildGroups(models));

    private static void AppendModel(StringBuilder text, ModelMonitoringDefinition model)
    {
        var rules = PrometheusRuleGenerator.BuildGroups([model]).SelectMany(g => g.Rules).Where(r => r.Alert is not null).ToArray();
        string m = model.ModelName;
        string baseLabels = $"ml_model_name=\"{m}\",ml_model_version=\"{Version}\"";
        // 1. Healthy: 100 calls a second, all fast, no errors, accuracy 93 %, no drift.
        Scenario(text, model, "healthy traffic fires nothing", [
            .. Traffic(baseLabels, successPerMinute: 6000, errorsPerMinute: 0, latencyBucket: "0.1", minutes: 90),
            ($"{ExportedMetricNames.ModelAccuracy}{{{baseLabels}}}", "0.93x90"),
            ($"ml_drift_severity{{{baseLabels},ml_feature_name=\"amount\",ml_drift_method=\"ks\"}}", "0x90"),
        ], "70m", rules.Select(r => r.Alert!).Distinct().ToDictionary(a => a, _ => Array.Empty<PrometheusRule>()), []);

        // 2. 30 % errors: error-rate and error-budget alerts fire at both severities for every error SLO.
        var errorSlos = model.Slos.Where(s => s.Kind is MlObservability.Slo.SloObjectiveKind.ErrorRate or MlObservability.Slo.SloObjectiveKind.Availability).Select(s => s.Name).ToHashSet();
        Scenario(text, model, "an error burst pages on error rate and error budget burn", [
            .. Traffic(baseLabels, successPerMinute: 70, errorsPerMinute: 30, latencyBucket: "0.1", minutes: 60),
        ], "30m", new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.HighErrorRate] = rules.Where(r => r.Alert == StandardAlertRules.HighErrorRate).ToArray(),
            [StandardAlertRules.SloBurn] = rules.Where(r => r.Alert == StandardAlertRules.SloBurn && errorSlos.Contains(Label(r, "slo"))).ToArray(),
            [StandardAlertRules.HighLatency] = [],
        }, []);

        // 3. Every call takes 1.5 s: latency alerts and the latency SLO burn fire, error alerts do not.
        var latencySlo = model.Slos.First(s => s.Kind == MlObservability.Slo.SloObjectiveKind.Latency).Name;
        Scenario(text, model, "slow responses page on latency and latency SLO burn", [
            .. Traffic(baseLabels, successPerMinute: 100, errorsPerMinute: 0, latencyBucket: "2.5", minutes: 60),
        ], "30m", new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.HighLatency] = rules.Where(r => r.Alert == StandardAlertRules.HighLatency).ToArray(),
            [StandardAlertRules.SloBurn] = rules.Where(r => r.Alert == StandardAlertRules.SloBurn && Label(r, "slo") == latencySlo).ToArray(),
            [StandardAlertRules.HighErrorRate] = [],
            [StandardAlertRules.LatencyAnomaly] = [],
        }, []);

        // 4. Drift (warning on one feature, critical on another) and accuracy 65 %.
        var accuracyLabels = new[] { new KeyValuePair<string, string>("ml_model_name", m), new("ml_model_version", Version) };
        var drift = rules.Where(r => r.Alert == StandardAlertRules.Drift && Label(r, PrometheusRuleGenerator.DetectorLabel).Length == 0).ToArray();
        Scenario(text, model, "drift and low accuracy", [
            ($"{ExportedMetricNames.ModelAccuracy}{{{baseLabels}}}", "0.65x150"),
            ($"ml_drift_severity{{{baseLabels},ml_feature_name=\"amount\",ml_drift_method=\"ks\"}}", "2x150"),
            ($"ml_drift_severity{{{baseLabels},ml_feature_name=\"country\",ml_drift_method=\"psi\"}}", "3x150"),
        ], "2h", new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.LowAccuracy] = rules.Where(r => r.Alert == StandardAlertRules.LowAccuracy).ToArray(),
        }, accuracyLabels, driftExpectations:
        [
            (drift.Single(r => Label(r, "severity") == "critical"), "country", "psi"),
            (drift.Single(r => Label(r, "severity") == "warning"), "amount", "ks"),
            (drift.Single(r => Label(r, "severity") == "warning"), "country", "psi"),
        ]);

        // 5. A low-confidence share above the threshold for over an hour.
        double share = model.Thresholds.LowConfidenceShare + 0.1;
        int lowPerMinute = (int)Math.Round(share * 100);
        Scenario(text, model, "a high low-confidence share", [
            ($"ml_predictions_total{{{baseLabels},ml_prediction_class=\"fraud\"}}", "0+100x150"),
            ($"ml_predictions_low_confidence_total{{{baseLabels}}}", $"0+{lowPerMinute}x150"),
        ], "2h", new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.LowConfidence] = rules.Where(r => r.Alert == StandardAlertRules.LowConfidence).ToArray(),
        }, []);

        // 6. A latency step: P95 wobbles around 0.2 s for 80 minutes, then every call takes 1.5 s.
        Scenario(text, model, "a latency step is an anomaly against the baseline", LatencyStep(baseLabels), "75m", new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.LatencyAnomaly] = [],
        }, []);
        Scenario(text, model, "a latency step is an anomaly against the baseline", LatencyStep(baseLabels), "88m", new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.LatencyAnomaly] = rules.Where(r => r.Alert == StandardAlertRules.LatencyAnomaly).ToArray(),
        }, []);

        DetectorScenario(text, model, rules, baseLabels);
        BudgetExhaustion(text, model, rules, baseLabels);
        ModelStale(text, model, rules, baseLabels);
    }

    /// <summary>9. Users rate the model 2 on average (10 ratings a minute), another outcome averages 50: the seed's
    /// LowUserSatisfaction warns only once the mean rating has stayed under the minimum for the rule's <c>for</c> (a
    /// day). Samples and evaluations every 10 minutes keep the day-long scenario cheap for promtool.</summary>
    private static void LowUserSatisfaction(StringBuilder text, ModelMonitoringDefinition model, PrometheusRule[] rules, string baseLabels)
    {
        var t = model.Thresholds;
        const int Step = DayLongStepMinutes;
        int samples = ((int)(t.SatisfactionFor + t.SatisfactionWindow).TotalMinutes / Step) + 6;
        string n = samples.ToString(CultureInfo.InvariantCulture);
        string rating = $"{baseLabels},{ExportedMetricNames.OutcomeNameLabel}=\"{t.SatisfactionOutcome}\",{ExportedMetricNames.PredictionClassLabel}=\"a\"";
        string revenue = $"{baseLabels},{ExportedMetricNames.OutcomeNameLabel}=\"revenue\"";
        double mean = t.SatisfactionMinimum - 1;
        var series = new (string Series, string Values)[]
        {
            ($"{ExportedMetricNames.OutcomeValueSum}{{{rating}}}", $"0+{(mean * 10 * Step).ToString(CultureInfo.InvariantCulture)}x{n}"),
            ($"{ExportedMetricNames.OutcomeValueCount}{{{rating}}}", $"0+{10 * Step}x{n}"),
            ($"{ExportedMetricNames.OutcomeValueSum}{{{revenue}}}", $"0+{500 * Step}x{n}"),
            ($"{ExportedMetricNames.OutcomeValueCount}{{{revenue}}}", $"0+{10 * Step}x{n}"),
        };
        var rule = rules.Single(r => r.Alert == StandardAlertRules.LowUserSatisfaction);
        string early = ((int)(t.SatisfactionFor.TotalMinutes / 2)).ToString(CultureInfo.InvariantCulture) + "m";
        string late = ((int)(t.SatisfactionFor + t.SatisfactionWindow).TotalMinutes + 30).ToString(CultureInfo.InvariantCulture) + "m";
        text.Append("  # a mean user rating under the minimum for a day is low user satisfaction (" + model.ModelName + ")\n");
        PromtoolTestText.TestGroup(text, Step.ToString(CultureInfo.InvariantCulture) + "m", series);

        text.Append("    alert_rule_test:\n");
        text.Append("      - eval_time: ").Append(early).Append("\n        alertname: ").Append(StandardAlertRules.LowUserSatisfaction).Append("\n        exp_alerts: []\n");
        text.Append("      - eval_time: ").Append(late).Append("\n        alertname: ").Append(StandardAlertRules.LowUserSatisfaction).Append("\n        exp_alerts:\n");
        ExpectedAlert(text, rule, new SortedDictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// 7. The detectors of issue 17: a reconstruction error above its band, an MMD² above its threshold, a CUSUM change
    /// in the latency stream at minute 110, and a KS model drift score of 0.3 (over the warning and critical levels).
    /// Every MlDriftDetected alert that fires is one of these (no per-feature drift series).
    /// </summary>
    private static void DetectorScenario(StringBuilder text, ModelMonitoringDefinition model, PrometheusRule[] rules, string baseLabels)
    {
        var detectors = rules.Where(r => r.Alert == StandardAlertRules.Drift && Label(r, PrometheusRuleGenerator.DetectorLabel).Length > 0).ToArray();
        PrometheusRule Rule(string detector, string severity = "warning") =>
            detectors.Single(r => Label(r, PrometheusRuleGenerator.DetectorLabel) == detector && Label(r, "severity") == severity);
        string method = ExportedMetricNames.DriftMethodLabel;
        var series = new (string Series, string Values)[]
        {
            ($"{ExportedMetricNames.DriftReconstructionError}{{{baseLabels},{method}=\"reconstruction\"}}", "2.5x150"),
            ($"{ExportedMetricNames.DriftReconstructionThreshold}{{{baseLabels},{method}=\"reconstruction\",{ExportedMetricNames.DriftBoundLabel}=\"upper\"}}", "2x150"),
            ($"{ExportedMetricNames.DriftReconstructionThreshold}{{{baseLabels},{method}=\"reconstruction\",{ExportedMetricNames.DriftBoundLabel}=\"lower\"}}", "1x150"),
            ($"{ExportedMetricNames.DriftEmbeddingMmd2}{{{baseLabels},{ExportedMetricNames.FeatureLabel}=\"review_text\"}}", "0.05x150"),
            ($"{ExportedMetricNames.DriftEmbeddingMmd2Threshold}{{{baseLabels},{ExportedMetricNames.FeatureLabel}=\"review_text\"}}", "0.01x150"),
            ($"{ExportedMetricNames.DriftStreamChanges}{{{baseLabels},{method}=\"cusum\",{ExportedMetricNames.DriftStreamLabel}=\"latency\"}}", "0x110 1x39"),
            ($"{ExportedMetricNames.DriftModelScore}{{{baseLabels},{method}=\"ks\"}}", "0.3x150"),
        };
        var expected = new (PrometheusRule Rule, KeyValuePair<string, string>[] Labels)[]
        {
            (Rule("reconstruction"), [new(method, "reconstruction")]),
            (Rule("embedding"), [new(ExportedMetricNames.FeatureLabel, "review_text")]),
            (Rule("stream"), [new(method, "cusum"), new(ExportedMetricNames.DriftStreamLabel, "latency")]),
            (Rule("model_score", "critical"), [new(method, "ks")]),
            (Rule("model_score"), [new(method, "ks")]),
        };
        text.Append("  # multivariate, embedding, streaming and model-score drift (" + model.ModelName + ")\n");
        PromtoolTestText.TestGroup(text, "1m", series);

        text.Append("    alert_rule_test:\n");
        text.Append("      - eval_time: 100m\n        alertname: ").Append(StandardAlertRules.Drift).Append('\n').Append("        exp_alerts:\n");
        foreach (var (rule, labels) in expected.Where(e => Label(e.Rule, PrometheusRuleGenerator.DetectorLabel) != "stream"))
        {
            ExpectedAlert(text, rule, new SortedDictionary<string, string>(labels.ToDictionary(l => l.Key, l => l.Value), StringComparer.Ordinal));
        }

        text.Append("      - eval_time: 2h\n        alertname: ").Append(StandardAlertRules.Drift).Append('\n').Append("        exp_alerts:\n");
        foreach (var (rule, labels) in expected)
        {
            ExpectedAlert(text, rule, new SortedDictionary<string, string>(labels.ToDictionary(l => l.Key, l => l.Value), StringComparer.Ordinal));
        }
    }

    /// <summary>8. The serving version was trained a day more than the maximum age ago: MlModelStale warns once that has
    /// held for the rule's <c>for</c>.</summary>
    private static void ModelStale(StringBuilder text, ModelMonitoringDefinition model, PrometheusRule[] rules, string baseLabels)
    {
        double age = (model.Thresholds.ModelMaxAge + TimeSpan.FromDays(1)).TotalSeconds;
        (string, string)[] series = [($"{ExportedMetricNames.ModelAge}{{{baseLabels}}}", $"{age.ToString(CultureInfo.InvariantCulture)}+60x150")];
        string late = ((int)model.Thresholds.ModelStaleFor.TotalMinutes + 5).ToString(CultureInfo.InvariantCulture) + "m";
        Scenario(text, model, "a model trained longer ago than its maximum age is stale", series, late, new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.ModelStale] = rules.Where(r => r.Alert == StandardAlertRules.ModelStale).ToArray(),
        }, [new(ExportedMetricNames.ModelVersionLabel, Version)]);
    }

    /// <summary>7. One SLO's error budget is forecast to run out within a day, another's in 60 days: only the first warns,
    /// once the forecast has stayed under the horizon for the rule's <c>for</c>.</summary>
    private static void BudgetExhaustion(StringBuilder text, ModelMonitoringDefinition model, PrometheusRule[] rules, string baseLabels)
    {
        if (model.Slos.Count < 2)
        {
            return;
        }

        string soon = model.Slos[0].Name;
        string later = model.Slos[1].Name;
        double inHalfTheHorizon = model.Thresholds.SloBudgetExhaustionHorizon.TotalSeconds / 2;
        (string, string)[] series =
        [
            ($"{ExportedMetricNames.SloErrorBudgetExhaustion}{{{baseLabels},{ExportedMetricNames.SloNameLabel}=\"{soon}\"}}", $"{inHalfTheHorizon.ToString(CultureInfo.InvariantCulture)}x90"),
            ($"{ExportedMetricNames.SloErrorBudgetExhaustion}{{{baseLabels},{ExportedMetricNames.SloNameLabel}=\"{later}\"}}", $"{TimeSpan.FromDays(60).TotalSeconds.ToString(CultureInfo.InvariantCulture)}x90"),
        ];
        var rule = rules.Where(r => r.Alert == StandardAlertRules.SloBudgetExhaustion).ToArray();
        string early = ((int)(model.Thresholds.SloBudgetExhaustionFor.TotalMinutes / 2)).ToString(CultureInfo.InvariantCulture) + "m";
        string late = ((int)model.Thresholds.SloBudgetExhaustionFor.TotalMinutes + 5).ToString(CultureInfo.InvariantCulture) + "m";
        Scenario(text, model, "an error budget forecast to run out within the horizon warns", series, early, new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.SloBudgetExhaustion] = [],
        }, []);
        Scenario(text, model, "an error budget forecast to run out within the horizon warns", series, late, new Dictionary<string, PrometheusRule[]>
        {
            [StandardAlertRules.SloBudgetExhaustion] = rule,
        }, [new(ExportedMetricNames.SloNameLabel, soon)]);
    }

    private static IEnumerable<(string Series, string Values)> LatencyStep(string labels)
    {
        const int Minutes = 100;
        const int Step = 80;
        var fast = new long[Minutes + 1];
        var normal = new long[Minutes + 1];
        var all = new long[Minutes + 1];
        int[] pattern = [90, 80, 85];
        for (int i = 1; i <= Minutes; i++)
        {
            bool slow = i > Step;
            fast[i] = fast[i - 1] + (slow ? 0 : pattern[i % 3]);
            normal[i] = normal[i - 1] + (slow ? 0 : 100);
            all[i] = all[i - 1] + 100;
        }

        static string Values(long[] v) => string.Join(' ', v.Select(x => x.ToString(CultureInfo.InvariantCulture)));
        foreach (var (le, values) in new[] { ("0.1", fast), ("0.25", normal), ("0.5", normal), ("1", normal), ("2.5", all), ("+Inf", all) })
        {
            yield return ($"ml_inference_duration_seconds_bucket{{{labels},ml_outcome=\"success\",le=\"{le}\"}}", Values(values));
        }

        yield return ($"ml_inference_duration_seconds_count{{{labels},ml_outcome=\"success\"}}", Values(all));
        yield return ($"ml_inference_requests_total{{{labels},ml_outcome=\"success\"}}", Values(all));
    }

    private static string Label(PrometheusRule rule, string name) => rule.Labels.FirstOrDefault(l => l.Key == name).Value ?? string.Empty;

    private static IEnumerable<(string Series, string Values)> Traffic(string labels, int successPerMinute, int errorsPerMinute, string latencyBucket, int minutes)
    {
        string n = minutes.ToString(CultureInfo.InvariantCulture);
        yield return ($"ml_inference_requests_total{{{labels},ml_outcome=\"success\"}}", $"0+{successPerMinute}x{n}");
        yield return ($"ml_inference_requests_total{{{labels},ml_outcome=\"error\"}}", $"0+{errorsPerMinute}x{n}");
        yield return ($"ml_inference_errors_total{{{labels},error_type=\"Timeout\"}}", $"0+{errorsPerMinute}x{n}");
        foreach (var le in new[] { "0.1", "0.25", "0.5", "1", "2.5", "+Inf" })
        {
            bool under = le == "+Inf" || double.Parse(le, CultureInfo.InvariantCulture) >= double.Parse(latencyBucket, CultureInfo.InvariantCulture);
            yield return ($"ml_inference_duration_seconds_bucket{{{labels},ml_outcome=\"success\",le=\"{le}\"}}", $"0+{(under ? successPerMinute : 0)}x{n}");
        }

        yield return ($"ml_inference_duration_seconds_count{{{labels},ml_outcome=\"success\"}}", $"0+{successPerMinute}x{n}");
    }

    private static void Scenario(
        StringBuilder text,
        ModelMonitoringDefinition model,
        string name,
        IEnumerable<(string Series, string Values)> series,
        string evalTime,
        Dictionary<string, PrometheusRule[]> expected,
        KeyValuePair<string, string>[] seriesLabels,
        (PrometheusRule Rule, string Feature, string Method)[]? driftExpectations = null)
    {
        text.Append("  # ").Append(name).Append(" (" + model.ModelName + ")").Append('\n');
        PromtoolTestText.TestGroup(text, "1m", series);

        text.Append("    alert_rule_test:\n");
        foreach (var (alertName, rules) in expected)
        {
            text.Append("      - eval_time: ").Append(evalTime).Append('\n');
            text.Append("        alertname: ").Append(alertName).Append('\n');
            if (rules.Length == 0)
            {
                text.Append("        exp_alerts: []\n");
                continue;
            }

            text.Append("        exp_alerts:\n");
            foreach (var rule in rules)
            {
                var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (rule.Alert is StandardAlertRules.LowAccuracy or StandardAlertRules.SloBudgetExhaustion or StandardAlertRules.ModelStale)
                {
                    foreach (var (k, v) in seriesLabels)
                    {
                        labels[k] = v;
                    }
                }

                ExpectedAlert(text, rule, labels);
            }
        }

        if (driftExpectations is { Length: > 0 })
        {
            text.Append("      - eval_time: ").Append(evalTime).Append('\n');
            text.Append("        alertname: ").Append(StandardAlertRules.Drift).Append('\n');
            text.Append("        exp_alerts:\n");
            foreach (var (rule, feature, method) in driftExpectations)
            {
                var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [ExportedMetricNames.FeatureLabel] = feature,
                    [ExportedMetricNames.DriftMethodLabel] = method,
                };
                ExpectedAlert(text, rule, labels);
            }
        }
    }

    private static void ExpectedAlert(StringBuilder text, PrometheusRule rule, SortedDictionary<string, string> labels)
    {
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
