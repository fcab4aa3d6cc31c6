using System.Globalization;
using Microsoft.Extensions.Options;

namespace MlObservability.Hosting.Configuration;

/// <summary>Checks <see cref="MlMonitoringOptions"/> at startup; every failure names the setting and says what to fix.</summary>
internal sealed class MlMonitoringOptionsValidator : IValidateOptions<MlMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MlMonitoringOptions options)
    {
        var failures = new List<string>();
        string root = MlMonitoringOptions.SectionName;
        if (options.EvaluationInterval <= TimeSpan.Zero)
        {
            failures.Add($"{root}:EvaluationInterval must be a positive duration (for example \"00:00:30\"); got {options.EvaluationInterval}.");
        }

        ValidateModels(options, root, failures);
        ValidatePrometheus(options.Prometheus, root, failures);
        ValidateLogging(options.PredictionLogging, root, failures);
        ValidateAlerts(options.Alerts, root, failures);
        failures.AddRange(options.Otlp.Problems($"{root}:Otlp"));
        if (options.Health.MaxTrackedFindings < 1)
        {
            failures.Add($"{root}:Health:MaxTrackedFindings must be at least 1; got {options.Health.MaxTrackedFindings}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateModels(MlMonitoringOptions options, string root, List<string> failures)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < options.Models.Count; i++)
        {
            var model = options.Models[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"{root}:Models:{i}");
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                failures.Add($"{at}:Name is empty: give every monitored model a name (it becomes the ml.model.name tag).");
                continue;
            }

            if (seen.TryGetValue(model.Name, out int first))
            {
                failures.Add($"{at}:Name '{model.Name}' duplicates {root}:Models:{first}: model names must be unique; merge the two entries or rename one.");
            }
            else
            {
                seen.Add(model.Name, i);
            }

            if (model.LatencyWindow <= TimeSpan.Zero)
            {
                failures.Add($"{at}:LatencyWindow must be a positive duration (for example \"00:05:00\"); got {model.LatencyWindow}.");
            }

            if (model.DriftReferencePath is { Length: > 0 } path && !File.Exists(path))
            {
                string tried = model.DriftReferencePathsTried is { Count: > 0 } places
                    ? $"looked for at '{string.Join("' and '", places)}'"
                    : $"resolved to '{Path.GetFullPath(path)}'";
                failures.Add($"{at}:DriftReferencePath '{path}' does not exist ({tried}): point it at the reference profile built from training data, or remove it.");
            }

            ValidateDetectors(model, at, failures);
            ChangeDetectionValidator.Validate(model, at, failures);
            ChallengerConfigurationValidator.Validate(model, at, failures);
        }
    }

    private static void ValidateDetectors(ModelMonitorOptions model, string at, List<string> failures)
    {
        if (model.Drift.WindowSize < 2 || model.Drift.MinimumSamples < 1)
        {
            failures.Add($"{at}:Drift: WindowSize ({model.Drift.WindowSize}) must be at least 2 and MinimumSamples ({model.Drift.MinimumSamples}) at least 1.");
        }

        if (model.Drift.SlidingWindow <= TimeSpan.Zero || model.Drift.SlidingSlices < 2)
        {
            failures.Add($"{at}:Drift: SlidingWindow must be a positive duration and SlidingSlices at least 2; got {model.Drift.SlidingWindow} and {model.Drift.SlidingSlices}.");
        }

        if (model.Drift.PsiBins < 2)
        {
            failures.Add($"{at}:Drift:PsiBins must be at least 2; got {model.Drift.PsiBins}.");
        }

        if (model.Drift.FleetBins < 2 || model.Drift.FleetBins > MlObservability.Drift.DriftMonitorOptions.MaxFleetBins)
        {
            failures.Add($"{at}:Drift:FleetBins must be between 2 and {MlObservability.Drift.DriftMonitorOptions.MaxFleetBins} (each bin is a series per feature); got {model.Drift.FleetBins}.");
        }

        if (!(model.Drift.MaxEvaluationShare > 0 && model.Drift.MaxEvaluationShare <= 1))
        {
            failures.Add($"{at}:Drift:MaxEvaluationShare must be in (0, 1], the share of one core that drift evaluation may use (0.1 is a tenth; 1 never postpones an evaluation); got {model.Drift.MaxEvaluationShare}.");
        }

        var quality = model.Quality;
        if (!(quality.SamplingRate >= 0 && quality.SamplingRate <= 1))
        {
            failures.Add($"{at}:Quality:SamplingRate must be between 0 and 1 (0.1 keeps one prediction in ten for labelling); got {quality.SamplingRate}.");
        }

        if (!(quality.LowConfidenceThreshold > 0 && quality.LowConfidenceThreshold < 1))
        {
            failures.Add($"{at}:Quality:LowConfidenceThreshold must be between 0 and 1 exclusive (the seeds use 0.7); got {quality.LowConfidenceThreshold}.");
        }

        if (quality.BaselineAccuracy is { } baseline && !(baseline > 0 && baseline <= 1))
        {
            failures.Add($"{at}:Quality:BaselineAccuracy must be in (0, 1] (the accuracy measured at validation); got {baseline}.");
        }

        var slo = model.Slo;
        if (!(slo.LatencyTarget > 0 && slo.LatencyTarget < 1))
        {
            failures.Add($"{at}:Slo:LatencyTarget must be between 0 and 1 exclusive (0.95 means 95 % of calls under the threshold); got {slo.LatencyTarget}.");
        }

        if (slo.LatencyThreshold is { } threshold && threshold <= TimeSpan.Zero)
        {
            failures.Add($"{at}:Slo:LatencyThreshold must be a positive duration (for example \"00:00:00.5\"); got {threshold}.");
        }

        if (slo.MaxErrorRate is { } errorRate && !(errorRate > 0 && errorRate < 1))
        {
            failures.Add($"{at}:Slo:MaxErrorRate must be between 0 and 1 exclusive (0.01 is 1 %); got {errorRate}.");
        }

        if (slo.AvailabilityTarget is { } availability && !(availability > 0 && availability < 1))
        {
            failures.Add($"{at}:Slo:AvailabilityTarget must be between 0 and 1 exclusive (0.995 is 99.5 %); got {availability}.");
        }

        if (slo.ForecastWindow < slo.FineBucket || slo.ForecastWindow > slo.Period)
        {
            failures.Add($"{at}:Slo:ForecastWindow must lie between Slo:FineBucket ({slo.FineBucket}) and Slo:Period ({slo.Period}) (for example \"01:00:00\"); got {slo.ForecastWindow}.");
        }

        failures.AddRange(model.Outcomes.Problems($"{at}:Outcomes", slo));
        failures.AddRange(model.Lineage.Problems($"{at}:Lineage", TimeProvider.System.GetUtcNow())); // the wall clock: a training date in the future is a typo
        var thresholds = model.Alerts.Thresholds;
        if (thresholds.SloBudgetExhaustionHorizon <= TimeSpan.Zero || thresholds.SloBudgetExhaustionFor < TimeSpan.Zero)
        {
            failures.Add($"{at}:Alerts:Thresholds: SloBudgetExhaustionHorizon must be a positive duration (for example \"3.00:00:00\") and SloBudgetExhaustionFor not negative; got {thresholds.SloBudgetExhaustionHorizon} and {thresholds.SloBudgetExhaustionFor}.");
        }

        if (thresholds.ModelMaxAge <= TimeSpan.Zero || thresholds.ModelStaleFor < TimeSpan.Zero)
        {
            failures.Add($"{at}:Alerts:Thresholds: ModelMaxAge must be a positive duration (for example \"90.00:00:00\") and ModelStaleFor not negative; got {thresholds.ModelMaxAge} and {thresholds.ModelStaleFor}.");
        }

        if (!double.IsFinite(thresholds.SatisfactionMinimum) || thresholds.SatisfactionWindow <= TimeSpan.Zero || thresholds.SatisfactionFor < TimeSpan.Zero
            || OutcomeTrackerOptionsNameProblems(thresholds.SatisfactionOutcome))
        {
            failures.Add($"{at}:Alerts:Thresholds: SatisfactionOutcome must be an outcome name without quotes or backslashes, SatisfactionMinimum a finite number, SatisfactionWindow a positive duration and SatisfactionFor not negative; got '{thresholds.SatisfactionOutcome}', {thresholds.SatisfactionMinimum}, {thresholds.SatisfactionWindow} and {thresholds.SatisfactionFor}.");
        }

        for (int p = 0; p < slo.WindowPairs.Count; p++)
        {
            var pair = slo.WindowPairs[p];
            if (pair.ShortWindow <= TimeSpan.Zero || pair.LongWindow <= pair.ShortWindow || !(pair.Factor > 0))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{at}:Slo:WindowPairs:{p} needs 0 < ShortWindow < LongWindow and a positive Factor; got {pair.LongWindow}/{pair.ShortWindow} x{pair.Factor}."));
            }
        }
    }

    private static void ValidatePrometheus(PrometheusEndpointOptions prometheus, string root, List<string> failures)
    {
        if (prometheus.Port is < 1 or > 65535)
        {
            failures.Add($"{root}:Prometheus:Port must be between 1 and 65535; got {prometheus.Port}.");
        }

        bool isAddress = System.Net.IPAddress.TryParse(prometheus.Host?.Trim('[', ']'), out _);
        if (string.IsNullOrWhiteSpace(prometheus.Host) || prometheus.Host.Contains('/', StringComparison.Ordinal) || prometheus.Host.Contains(':', StringComparison.Ordinal) && !isAddress)
        {
            failures.Add($"{root}:Prometheus:Host '{prometheus.Host}' is not a host name: use 127.0.0.1 (loopback, the default), a host name, [::1], or + (also *, 0.0.0.0, ::) for every interface.");
        }
        else if (!isAddress && prometheus.Port is >= 1 and <= 65535 && !Uri.TryCreate(prometheus.UriPrefix.Replace("http://+", "http://any", StringComparison.Ordinal).Replace("http://*", "http://any", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            failures.Add($"{root}:Prometheus: '{prometheus.UriPrefix}' is not a valid URI prefix: check Host and Port.");
        }

        if (string.IsNullOrEmpty(prometheus.Path) || prometheus.Path[0] != '/')
        {
            failures.Add($"{root}:Prometheus:Path must start with '/' (for example /metrics); got '{prometheus.Path}'.");
        }
    }

    private static void ValidateAlerts(AlertsOptions alerting, string root, List<string> failures)
    {
        if (alerting.RepeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"{root}:Alerts:RepeatInterval must be a positive duration (for example \"04:00:00\"); got {alerting.RepeatInterval}.");
        }

        foreach (var (setting, url) in new[] { ("WebhookUrl", alerting.WebhookUrl), ("SlackWebhookUrl", alerting.SlackWebhookUrl), ("AlertmanagerUrl", alerting.AlertmanagerUrl) })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                // The URL may carry a secret: name the setting, never echo the value.
                failures.Add($"{root}:Alerts:{setting} must be an absolute http(s) URL.");
            }
        }

        if (alerting.PagerDutyRoutingKey is { } key && string.IsNullOrWhiteSpace(key))
        {
            failures.Add($"{root}:Alerts:PagerDutyRoutingKey is blank: set the integration's routing key or remove the setting.");
        }

        if (alerting.Email is { } email)
        {
            failures.AddRange(email.Problems($"{root}:Alerts:Email"));
        }
    }

    private static void ValidateLogging(PredictionLoggingOptions logging, string root, List<string> failures)
    {
        if (!(logging.SampleRate >= 0 && logging.SampleRate <= 1))
        {
            failures.Add($"{root}:PredictionLogging:SampleRate must be between 0 and 1 (0.01 logs one prediction in a hundred); got {logging.SampleRate}.");
        }

        if (logging.MaxLoggedFeatures < 0)
        {
            failures.Add($"{root}:PredictionLogging:MaxLoggedFeatures must not be negative; got {logging.MaxLoggedFeatures}.");
        }
    }

    private static bool OutcomeTrackerOptionsNameProblems(string name) =>
        MlObservability.Outcomes.OutcomeTrackerOptions.NameProblems([name]).Any();
}
