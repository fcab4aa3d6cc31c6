using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Hosting.Alerts;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Logging;
using MlObservability.Instrumentation;

namespace MlObservability.Hosting;

/// <summary>
/// Says at startup what is monitored: a warning when no model is configured, one line per model (drift, quality, SLOs,
/// alerts, metrics), and, from then on, a warning and a health finding for every <c>[Instrumented]</c> decorator or ONNX
/// session whose model name, version or endpoint matches no configured model (at startup for those already created, at
/// their first call otherwise).
/// </summary>
internal sealed class MonitoringStartupReport : IHostedService, IDisposable
{
    /// <summary>The <see cref="MonitoringEvent.Kind"/> of a decorator or session that records into no configured model.</summary>
    public const string UnmatchedTargetEventKind = "config.unmatched_model";

    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly MlMonitoringOptions _options;
    private IDisposable? _subscription;

    public MonitoringStartupReport(IServiceProvider services, IOptions<MlMonitoringOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _services = services;
        _options = options.Value;
        _logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger(MonitoringLog.Category);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = _services.GetRequiredService<ModelMonitorRegistry>();
        if (registry.Models.Count == 0)
        {
            MonitoringLog.NoModelsConfigured(_logger, MlMonitoringOptions.SectionName, SectionHint());
        }

        var pipeline = _services.GetService<AlertPipeline>();
        var notifiers = _options.Alerts.Enabled
            ? _services.GetServices<IAlertNotifier>().Concat(_services.GetService<ConfiguredAlertNotifiers>()?.Notifiers ?? []).Select(n => n.Name).ToList()
            : [];
        foreach (var model in registry.Models)
        {
            LogModel(model, registry.GetOptions(model.Name), pipeline, notifiers);
        }

        _subscription = RecordingTargets.Subscribe(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Interlocked.Exchange(ref _subscription, null)?.Dispose();

    private void LogModel(ModelMonitor model, ModelMonitorOptions options, AlertPipeline? pipeline, List<string> notifiers)
    {
        string drift = model.Drift is { } driftMonitor
            ? string.Create(CultureInfo.InvariantCulture, $"drift on {driftMonitor.Profile.Features.Count} features from '{options.DriftReferencePath}' ({options.Drift.WindowKind} window of {(options.Drift.WindowKind == Drift.DriftWindowKind.CountTumbling ? options.Drift.WindowSize.ToString(CultureInfo.InvariantCulture) + " rows" : options.Drift.SlidingWindow.ToString())})")
            : "no drift (DriftReferencePath not set)";
        drift += Detectors.DetectorSummary.Of(model);
        string quality = model.Quality is { } qualityMonitor
            ? string.Create(CultureInfo.InvariantCulture, $"quality with {(options.Quality.ClassLabels.Count > 0 ? "labels [" + string.Join(", ", options.Quality.ClassLabels) + "]" : "labels as they come (no ClassLabels)")}, sampling {qualityMonitor.Sampler.Rate * 100:0.###}% for ground truth{(options.Quality.BaselineAccuracy is { } b ? string.Create(CultureInfo.InvariantCulture, $", decay against accuracy {b}") : string.Empty)}")
            : "no quality (Quality:Enabled is false)";
        if (model.Quality is { IsBinary: false })
        {
            // Binary metrics are never inferred from class indexes 0/1: they need the two labels (index 1 positive) or
            // two-entry probability vectors; multiclass log loss and Brier score need probability vectors.
            quality += " (no ROC AUC, log loss or Brier score: they need exactly two Quality:ClassLabels, index 1 the positive class, or predictions recorded with probability vectors)";
        }

        string slo = model.Slo is { } tracker
            ? "SLOs " + string.Join(", ", tracker.Objectives.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name} {o.Target * 100:0.###}%")))
            : "no SLOs";
        var rules = pipeline?.Engine.Rules.Where(r => string.Equals(r.Model, model.Name, StringComparison.Ordinal)).Select(r => r.Name).ToList() ?? [];
        string alerts = rules.Count == 0
            ? "no alert rules"
            : $"{rules.Count} alert rules ({string.Join(", ", rules.Distinct(StringComparer.Ordinal))}) to {(notifiers.Count == 0 ? "no notifier (Alerts:Log is false and none is configured)" : string.Join(", ", notifiers))}";
        string metrics = $"metrics on meter '{MlTelemetry.MeterName}' (Prometheus scrape endpoint, when added with AddMlMonitoringPrometheusEndpoint: {_options.Prometheus.UriPrefix.TrimEnd('/')}{_options.Prometheus.Path})";
        MonitoringLog.ModelMonitored(_logger, model.Name, model.Version, options.Endpoint, drift, quality, slo, alerts, metrics);
    }

    private void Check(RecordingTarget target)
    {
        var match = RecordingTargetMatch.Of(target, _options.Models.ToList());
        if (match.SeparateEndpointOf is { } model)
        {
            MonitoringLog.SeparateEndpoint(_logger, target.Source, target.ModelName, target.ModelVersion, target.Endpoint, model.Endpoint);
            return;
        }

        if (match.Matches || match.Problem is null)
        {
            return;
        }

        string configured = RecordingTargetMatch.Describe(_options.Models.ToList());
        MonitoringLog.UnmatchedRecordingTarget(_logger, target.Source, target.ModelName, target.ModelVersion, target.Endpoint, match.Problem, configured);
        var finding = new MonitoringEvent
        {
            Kind = UnmatchedTargetEventKind,
            ModelName = target.ModelName,
            ModelVersion = target.ModelVersion,
            Severity = Severity.Critical,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = target.Source, ["endpoint"] = target.Endpoint },
            Summary = $"{target.Source} of '{target.ModelName}' version '{target.ModelVersion}' endpoint '{target.Endpoint}' matches no configured model: {match.Problem} Configured: {configured}.",
            Timestamp = (_services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow(),
        };
        foreach (var sink in _services.GetServices<IMonitoringEventSink>())
        {
            sink.Publish(finding);
        }
    }

    /// <summary>When nothing is configured, a hint at a misspelled section: the nearest top-level key of the application's configuration.</summary>
    private string SectionHint()
    {
        var bound = _services.GetServices<BoundConfigurationSection>().Select(s => s.Section).OfType<IConfigurationSection>().ToList();
        if (bound.Count == 0)
        {
            return " (no configuration section is bound and no model was added in code)";
        }

        var root = _services.GetService<IConfiguration>();
        var section = bound[0];
        string? nearest = root is null ? null
            : UnknownConfigurationKeys.Nearest(section.Key, root.GetChildren().Select(c => c.Key).Where(k => !string.Equals(k, section.Key, StringComparison.OrdinalIgnoreCase)));
        string where = section.Exists() ? $"section '{section.Path}' has no Models" : $"section '{section.Path}' does not exist";
        return nearest is null ? $" ({where})" : $" ({where}; the configuration has a section '{nearest}': a typo?)";
    }
}
