using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.OpenTelemetry.Configuration;
using MlObservability.OpenTelemetry.Hosting;

namespace MlObservability.OpenTelemetry.Alerting;

/// <summary>
/// The application's alert engine: the standard rules of every configured model (SLO burn, error rate, latency, latency
/// anomaly, accuracy, low confidence, drift, quality decay) over its findings and signals, delivered in the background to
/// the configured notifiers and to every <see cref="IAlertNotifier"/> registered in the container.
/// </summary>
public sealed class AlertingService : IMonitoringEventSink, IMonitoringEvaluator, IDisposable
{
    private readonly NotificationDispatcher? _dispatcher;
    private readonly List<IDisposable> _ownedNotifiers = [];

    internal AlertingService(
        MlMonitoringOptions options,
        ModelMonitorRegistry registry,
        IEnumerable<IAlertNotifier> registeredNotifiers,
        ILoggerFactory? loggerFactory,
        TimeProvider timeProvider)
    {
        var alerting = options.Alerting;
        if (!alerting.Enabled)
        {
            return;
        }

        var rules = new List<AlertRule>();
        foreach (var model in registry.Models.Where(m => m.Options.Alerts.Enabled))
        {
            rules.AddRange(StandardAlertRules.For(
                model.Name,
                model.Slo?.Objectives ?? [],
                SignalsOf(model),
                model.Options.Alerts.Thresholds));
        }

        var notifiers = new List<IAlertNotifier>(registeredNotifiers);
        if (alerting.Log)
        {
            notifiers.Add(new LoggerAlertNotifier((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LoggerAlertNotifier>()));
        }

        AddOwned(notifiers, alerting.WebhookUrl is { } webhook ? new WebhookAlertNotifier(webhook) : null);
        AddOwned(notifiers, alerting.SlackWebhookUrl is { } slack ? new SlackAlertNotifier(slack, alerting.SlackChannel) : null);
        AddOwned(notifiers, alerting.PagerDutyRoutingKey is { Length: > 0 } key ? new PagerDutyAlertNotifier(key) : null);
        AddOwned(notifiers, alerting.AlertmanagerUrl is { } alertmanager ? new AlertmanagerAlertNotifier(alertmanager) : null);

        _dispatcher = notifiers.Count > 0 ? new NotificationDispatcher(notifiers) : null;
        Engine = new AlertEngine(
            rules,
            new AlertEngineOptions { RepeatInterval = alerting.RepeatInterval, TimeProvider = timeProvider },
            _dispatcher);
    }

    /// <summary>The engine, or <see langword="null"/> when alerting is disabled.</summary>
    public AlertEngine? Engine { get; }

    /// <summary>Delivery statistics (sent, failed, dropped per notifier); <see langword="null"/> without notifiers.</summary>
    public NotificationDispatcher? Dispatcher => _dispatcher;

    /// <inheritdoc/>
    public string EvaluatorName => "alerts";

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent) => Engine?.Publish(monitoringEvent);

    /// <inheritdoc/>
    public void Evaluate(DateTimeOffset now) => Engine?.Evaluate(now);

    /// <inheritdoc/>
    public void Dispose()
    {
        Engine?.Dispose();
        _dispatcher?.Dispose();
        foreach (var notifier in _ownedNotifiers)
        {
            notifier.Dispose();
        }
    }

    private static AlertSignals SignalsOf(MonitoredModel model)
    {
        var signals = AlertSignals.From(model.Inference);
        if (model.Quality is { } quality)
        {
            signals.LowConfidenceShare = () => NullIfNaN(quality.LowConfidenceShare);
            signals.Accuracy = () => NullIfNaN(quality.RealizedAccuracy);
        }

        return signals;
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;

    private void AddOwned<T>(List<IAlertNotifier> notifiers, T? notifier)
        where T : class, IAlertNotifier, IDisposable
    {
        if (notifier is not null)
        {
            notifiers.Add(notifier);
            _ownedNotifiers.Add(notifier);
        }
    }
}
