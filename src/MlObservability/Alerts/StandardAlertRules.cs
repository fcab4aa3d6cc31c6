using System.Globalization;
using MlObservability.Diagnostics;
using MlObservability.Slo;

namespace MlObservability.Alerts;

/// <summary>
/// The seeds' rule set for one model, built from its SLOs and <see cref="AlertThresholds"/>: SLO burn (page and
/// ticket), error rate and latency against SLO multiples, accuracy, low-confidence share, latency anomaly, data and
/// concept drift, and quality decay. The generated Prometheus rules use the same names, thresholds and runbooks.
/// </summary>
public static class StandardAlertRules
{
    /// <summary>Alert name of SLO error-budget burn (critical = page pair, warning = ticket pair).</summary>
    public const string SloBurn = "MlSloErrorBudgetBurn";

    /// <summary>Alert name of a high error rate.</summary>
    public const string HighErrorRate = "MlHighErrorRate";

    /// <summary>Alert name of a latency percentile above a multiple of its SLO.</summary>
    public const string HighLatency = "MlHighLatency";

    /// <summary>Alert name of a latency anomaly (z-score against the recent window).</summary>
    public const string LatencyAnomaly = "MlLatencyAnomaly";

    /// <summary>Alert name of low accuracy.</summary>
    public const string LowAccuracy = "MlLowAccuracy";

    /// <summary>Alert name of a high share of low-confidence predictions.</summary>
    public const string LowConfidence = "MlHighLowConfidencePredictions";

    /// <summary>Alert name of data or prediction drift.</summary>
    public const string Drift = "MlDriftDetected";

    /// <summary>Alert name of quality decay.</summary>
    public const string QualityDecay = "MlQualityDecay";

    /// <summary>Alert name of an SLO error budget forecast to run out within the configured horizon.</summary>
    public const string SloBudgetExhaustion = "MlSloErrorBudgetExhaustion";

    /// <summary>Alert name of a model version trained longer ago than the configured maximum age.</summary>
    public const string ModelStale = "MlModelStale";

    /// <summary>Alert name of a mean business outcome (seed 000's <c>user_feedback_score</c>) under its minimum
    /// (Prometheus rules only; in process, an outcome SLO burns its error budget).</summary>
    public const string LowUserSatisfaction = "MlLowUserSatisfaction";

    /// <summary>Alert name of throughput under its floor (Prometheus rules only; in process it is an SLO burn).</summary>
    public const string LowThroughput = "MlLowThroughput";

    /// <summary>Runbooks, by alert name (annotation <c>runbook</c>).</summary>
    public static IReadOnlyDictionary<string, string> Runbooks { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SloBurn] = "1. Find which SLI burns (error rate, latency, availability) on the System health page. 2. Check recent deployments and roll back if one lines up. 3. Check dependencies and resources. 4. Page: act now; ticket: fix within the SLO period.",
        [HighErrorRate] = "1. Read recent error logs by error.type. 2. Check model health and recent deployments. 3. If out of memory, scale out. 4. If it persists, roll back to the previous model version.",
        [HighLatency] = "1. Check the request rate (load). 2. Check CPU, memory and GPU on the Resources page. 3. Compare P99 with P95 for a slow tail. 4. Scale out if saturated. 5. Check downstream dependencies.",
        [LatencyAnomaly] = "1. Compare the latency percentile with the last hour. 2. Look for a deployment, a traffic shift or a batch size change. 3. Check resources.",
        [LowAccuracy] = "1. Increase the ground-truth sampling rate. 2. Check data drift (the likely cause). 3. Review recent inputs for new patterns. 4. Escalate to the ML team for retraining. 5. Consider rolling back the model.",
        [LowConfidence] = "1. Review low-confidence examples. 2. Check whether it correlates with drift. 3. Consider the confidence threshold. 4. Watch accuracy on low-confidence predictions.",
        [Drift] = "1. Compare current and baseline distributions on the Drift page. 2. Check recent data source changes. 3. Review sample inputs. 4. If severe, plan retraining; if accuracy drops too, expedite it.",
        [QualityDecay] = "1. Check which metric decayed and in which segment. 2. Check drift on the same features. 3. Validate on fresh labelled samples. 4. Retrain or roll back.",
        [SloBudgetExhaustion] = "1. Find which SLO burns and since when (error budget panels). 2. Look for the change that started it: a deployment, a dependency, traffic. 3. Fix or roll back before the budget runs out; once it is spent, freeze risky releases until it recovers.",
        [ModelStale] = "1. Check the model registry for a newer validated version. 2. Compare recent accuracy and drift with the training period. 3. Schedule retraining on a fresh data snapshot, or raise the maximum age if this model is meant to be stable.",
        [LowUserSatisfaction] = "1. Check whether the drop lines up with a deployment, a new model version or drift (Model quality and Drift pages). 2. Break the outcome down by predicted class (Business outcomes panels): one class wrong, or all? 3. Check the outcome pipeline itself (a UI change, a changed rating scale). 4. Roll back the model version if it started with it.",
        [LowThroughput] = "1. Check upstream traffic and the load balancer. 2. Check that the service is up and ready. 3. Check for throttling or saturation.",
    };

    /// <summary>
    /// Builds the standard rules of a monitored model from what it has: its SLO tracker's objectives, the error rate and
    /// latency of its <see cref="ModelMonitor.Inference"/> metrics, and its quality monitor's accuracy and low-confidence
    /// share.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="thresholds">Thresholds and durations; the seeds' defaults when null.</param>
    /// <returns>The rules.</returns>
    public static IReadOnlyList<AlertRule> For(ModelMonitor model, AlertThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var signals = AlertSignals.From(model.Inference);
        if (model.Quality is { } quality)
        {
            signals.LowConfidenceShare = () => NullIfNaN(quality.LowConfidenceShare);
            signals.Accuracy = () => NullIfNaN(quality.RealizedAccuracy);
        }

        if (model.Slo is { } slo)
        {
            signals.SloErrorBudgetExhaustionSeconds = slo.SoonestExhaustionSeconds;
        }

        // Read on each evaluation: a lineage tracker added after the rules were built (from ONNX metadata) still counts.
        signals.ModelAgeSeconds = () => model.GetComponent<Lineage.ModelLineageTracker>()?.Age?.TotalSeconds;

        return For(model.Name, model.Slo?.Objectives ?? [], signals, thresholds);
    }

    /// <summary>Builds the standard rules of one model.</summary>
    /// <param name="modelName">The model name (label <c>model</c>).</param>
    /// <param name="slos">The model's objectives; the first latency objective sets the latency thresholds and the
    /// accuracy objective (kind Custom named <c>accuracy</c>) the accuracy warning.</param>
    /// <param name="signals">The threshold signals; rules whose signal is null are left out.</param>
    /// <param name="thresholds">Thresholds and durations; the seeds' defaults when null.</param>
    /// <returns>The rules.</returns>
    public static IReadOnlyList<AlertRule> For(string modelName, IReadOnlyList<SloObjective> slos, AlertSignals? signals = null, AlertThresholds? thresholds = null)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(slos);
        signals ??= new AlertSignals();
        thresholds ??= new AlertThresholds();
        var rules = new List<AlertRule>
        {
            Event(modelName, SloBurn, Severity.Critical, SloTags.BurnEventKind, thresholds.SloBurnFor, "SLO error budget burning fast (page)"),
            Event(modelName, SloBurn, Severity.Warning, SloTags.BurnEventKind, thresholds.SloBurnFor, "SLO error budget burning (ticket)"),
            Event(modelName, Drift, Severity.Critical, "drift.*", thresholds.DriftCriticalFor, "Severe drift detected"),
            Event(modelName, Drift, Severity.Warning, "drift.*", thresholds.DriftWarningFor, "Drift detected"),
            Event(modelName, QualityDecay, Severity.Critical, "quality.decay", thresholds.QualityDecayFor, "Model quality decayed severely"),
            Event(modelName, QualityDecay, Severity.Warning, "quality.decay", thresholds.QualityDecayFor, "Model quality decayed"),
        };

        if (signals.ErrorRate is { } errorRate)
        {
            rules.Add(Threshold(modelName, HighErrorRate, Severity.Critical, errorRate, AlertComparison.GreaterThan, thresholds.ErrorRateCritical, thresholds.ErrorRateCriticalFor, $"Error rate above {Percent(thresholds.ErrorRateCritical)}"));
            rules.Add(Threshold(modelName, HighErrorRate, Severity.Warning, errorRate, AlertComparison.GreaterThan, thresholds.ErrorRateWarning, thresholds.ErrorRateWarningFor, $"Error rate above {Percent(thresholds.ErrorRateWarning)}"));
        }

        var latency = slos.FirstOrDefault(s => s.Kind == SloObjectiveKind.Latency);
        if (signals.LatencyPercentileSeconds is { } p && latency?.LatencyThreshold is { } slo)
        {
            double seconds = slo.TotalSeconds;
            rules.Add(Threshold(modelName, HighLatency, Severity.Critical, p, AlertComparison.GreaterThan, seconds * thresholds.LatencyCriticalMultiple, thresholds.LatencyCriticalFor, $"Latency P{latency.Target * 100:0.##} above {thresholds.LatencyCriticalMultiple:0.##}x its {seconds * 1000:0.##} ms SLO"));
            rules.Add(Threshold(modelName, HighLatency, Severity.Warning, p, AlertComparison.GreaterThan, seconds * thresholds.LatencyWarningMultiple, thresholds.LatencyWarningFor, $"Latency P{latency.Target * 100:0.##} above {thresholds.LatencyWarningMultiple:0.##}x its {seconds * 1000:0.##} ms SLO"));
            rules.Add(new AlertRule
            {
                Name = LatencyAnomaly,
                Severity = Severity.Info,
                Model = modelName,
                Condition = AlertCondition.Anomaly(p, thresholds.LatencyAnomalyWindow, thresholds.LatencyAnomalyZScore, Math.Min(10, thresholds.LatencyAnomalyWindow), thresholds.LatencyAnomalyBaselineLag),
                For = thresholds.LatencyAnomalyFor,
                Summary = $"Latency P{latency.Target * 100:0.##} is anomalous against the recent window",
                Runbook = Runbooks[LatencyAnomaly],
            });
        }

        if (signals.Accuracy is { } accuracy)
        {
            rules.Add(Threshold(modelName, LowAccuracy, Severity.Critical, accuracy, AlertComparison.LessThan, thresholds.AccuracyCritical, thresholds.AccuracyCriticalFor, $"Accuracy below {Percent(thresholds.AccuracyCritical)}"));
            var target = slos.FirstOrDefault(s => s.Kind == SloObjectiveKind.Custom && s.Name == "accuracy");
            if (target is not null)
            {
                rules.Add(Threshold(modelName, LowAccuracy, Severity.Warning, accuracy, AlertComparison.LessThan, target.Target, TimeSpan.FromHours(1), $"Accuracy below its {Percent(target.Target)} SLO"));
            }
        }

        if (signals.LowConfidenceShare is { } lowConfidence)
        {
            rules.Add(Threshold(modelName, LowConfidence, Severity.Info, lowConfidence, AlertComparison.GreaterThan, thresholds.LowConfidenceShare, thresholds.LowConfidenceFor, $"More than {Percent(thresholds.LowConfidenceShare)} of predictions have low confidence"));
        }

        if (signals.ModelAgeSeconds is { } age)
        {
            rules.Add(Threshold(modelName, ModelStale, Severity.Warning, age, AlertComparison.GreaterThan, thresholds.ModelMaxAge.TotalSeconds, thresholds.ModelStaleFor, $"Model trained more than {BurnRateWindowPair.FormatWindow(thresholds.ModelMaxAge)} ago"));
        }

        if (signals.SloErrorBudgetExhaustionSeconds is { } exhaustion)
        {
            rules.Add(Threshold(modelName, SloBudgetExhaustion, Severity.Warning, exhaustion, AlertComparison.LessThan, thresholds.SloBudgetExhaustionHorizon.TotalSeconds, thresholds.SloBudgetExhaustionFor, $"SLO error budget exhausted within {BurnRateWindowPair.FormatWindow(thresholds.SloBudgetExhaustionHorizon)} at the current burn rate"));
        }

        return rules;
    }

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static AlertRule Event(string model, string name, Severity severity, string kind, TimeSpan forDuration, string summary) => new()
    {
        Name = name,
        Severity = severity,
        Model = model,
        Condition = AlertCondition.OnEvent(kind, severity),
        For = forDuration,
        Summary = summary,
        Runbook = Runbooks[name],
    };

    private static AlertRule Threshold(string model, string name, Severity severity, Func<double?> signal, AlertComparison comparison, double threshold, TimeSpan forDuration, string summary) => new()
    {
        Name = name,
        Severity = severity,
        Model = model,
        Condition = AlertCondition.Threshold(signal, comparison, threshold),
        For = forDuration,
        Summary = summary,
        Runbook = Runbooks[name],
    };

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
