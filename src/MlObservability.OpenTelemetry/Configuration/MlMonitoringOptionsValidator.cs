using System.Globalization;
using Microsoft.Extensions.Options;

namespace MlObservability.OpenTelemetry.Configuration;

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
                failures.Add($"{at}:DriftReferencePath '{path}' does not exist (resolved to '{Path.GetFullPath(path)}'): point it at the reference profile built from training data, or remove it.");
            }
        }
    }

    private static void ValidatePrometheus(PrometheusEndpointOptions prometheus, string root, List<string> failures)
    {
        if (prometheus.Port is < 1 or > 65535)
        {
            failures.Add($"{root}:Prometheus:Port must be between 1 and 65535; got {prometheus.Port}.");
        }

        if (string.IsNullOrWhiteSpace(prometheus.Host) || prometheus.Host.Contains('/', StringComparison.Ordinal) || prometheus.Host.Contains(':', StringComparison.Ordinal) && !prometheus.Host.StartsWith('['))
        {
            failures.Add($"{root}:Prometheus:Host '{prometheus.Host}' is not a host name: use 127.0.0.1 (loopback, the default), a host name, [::1], or + for every interface.");
        }
        else if (prometheus.Port is >= 1 and <= 65535 && !Uri.TryCreate(prometheus.UriPrefix.Replace("http://+", "http://any", StringComparison.Ordinal).Replace("http://*", "http://any", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            failures.Add($"{root}:Prometheus: '{prometheus.UriPrefix}' is not a valid URI prefix: check Host and Port.");
        }

        if (string.IsNullOrEmpty(prometheus.Path) || prometheus.Path[0] != '/')
        {
            failures.Add($"{root}:Prometheus:Path must start with '/' (for example /metrics); got '{prometheus.Path}'.");
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
}
