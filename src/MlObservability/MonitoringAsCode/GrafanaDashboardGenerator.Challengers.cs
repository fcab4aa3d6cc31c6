namespace MlObservability.MonitoringAsCode;

/// <content>The challenger and router row: the shadow comparison of a challenger with the champion, and the model router's actions.</content>
public static partial class GrafanaDashboardGenerator
{
    /// <summary>The title of the challenger and router row.</summary>
    public const string ChallengersPage = "Challengers and router";

    private sealed partial class Builder
    {
        /// <summary>The challenger series carry the champion's version (<c>ml_model_version</c>) and the challenger's
        /// (<c>ml_challenger_version</c>); the router series carry the model and, for the active version, its version.</summary>
        private void ChallengersAndRouter()
        {
            Row(ChallengersPage);
            string pair = $"{{{{{ExportedMetricNames.ChallengerVersionLabel}}}}} vs {{{{{ExportedMetricNames.ModelVersionLabel}}}}}";
            Panel("Challenger accuracy minus champion's (same labelled requests)", "timeseries", "percentunit", 8, 8,
                [($"{ExportedMetricNames.ChallengerAccuracyDifference}{{{M}}}", pair)], below: [(0, "yellow")]);
            Panel("McNemar p-value (challenger vs champion)", "timeseries", "none", 8, 8,
                [($"{ExportedMetricNames.ChallengerMcNemarPValue}{{{M}}}", pair)], below: [(0.05, "yellow")]);
            Panel("Disagreement rate (label-free)", "timeseries", "percentunit", 8, 8,
                [($"{ExportedMetricNames.ChallengerDisagreementRate}{{{M}}}", pair)]);
            Panel("Champion and challenger latency quantiles (shadowed requests)", "timeseries", "s", 12, 8,
                [($"{ExportedMetricNames.ChallengerLatency}{{{M}}}", $"{{{{{ExportedMetricNames.ChallengerRoleLabel}}}}} {{{{{ExportedMetricNames.ChallengerVersionLabel}}}}} q{{{{{ExportedMetricNames.QuantileLabel}}}}}")]);
            Panel("Verdict (1 better, -1 worse, 0 inconclusive) and labelled pairs", "stat", "none", 12, 8,
            [
                ($"{ExportedMetricNames.ChallengerVerdict}{{{M}}}", $"verdict {pair}"),
                ($"{ExportedMetricNames.ChallengerLabelledPairs}{{{M}}}", $"labelled pairs {pair}"),
            ]);
            Panel("Shadow: scored and dropped", "timeseries", "reqps", 8, 8,
            [
                ($"sum by ({ExportedMetricNames.ChallengerVersionLabel}) (rate({ExportedMetricNames.ChallengerRequests}{{{M}}}[5m]))", $"scored {{{{{ExportedMetricNames.ChallengerVersionLabel}}}}}"),
                ($"sum by ({ExportedMetricNames.ChallengerDropReasonLabel}) (rate({ExportedMetricNames.ChallengerDropped}{{{M}}}[5m]))", $"dropped: {{{{{ExportedMetricNames.ChallengerDropReasonLabel}}}}}"),
            ]);
            Panel("Router actions (1h) by action and outcome", "timeseries", "none", 8, 8,
                [($"sum by ({ExportedMetricNames.RouterActionLabel}, {ExportedMetricNames.RouterOutcomeLabel}) (increase({ExportedMetricNames.RouterActions}{{{M}}}[1h]))", $"{{{{{ExportedMetricNames.RouterActionLabel}}}}} {{{{{ExportedMetricNames.RouterOutcomeLabel}}}}}")],
                above: [(1, "yellow")]);
            Panel("Active version (router)", "timeseries", "none", 8, 8,
                [($"max by ({ExportedMetricNames.ModelVersionLabel}) ({ExportedMetricNames.RouterActive}{{{M}}})", $"{{{{{ExportedMetricNames.ModelVersionLabel}}}}}")]);
        }
    }
}
