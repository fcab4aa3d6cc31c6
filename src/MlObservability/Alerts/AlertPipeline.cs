using MlObservability.Alerts.Notifiers;

namespace MlObservability.Alerts;

/// <summary>
/// An application's alerting, wired once: an <see cref="AlertEngine"/> over the rules of its models (usually
/// <see cref="StandardAlertRules.For(ModelMonitor, AlertThresholds?)"/>) that receives their findings and delivers
/// notifications in the background through one <see cref="NotificationDispatcher"/> to every notifier.
/// Register it as a shared event sink of each <see cref="ModelMonitor"/> and run <see cref="Evaluate"/> on a schedule
/// after the models' own evaluators (<c>AddMlMonitoring()</c> does both).
/// </summary>
public sealed class AlertPipeline : IMonitoringEventSink, IMonitoringEvaluator, IDisposable
{
    /// <summary>Creates the engine and, when there are notifiers, the dispatcher.</summary>
    /// <param name="rules">The alert rules.</param>
    /// <param name="notifiers">Where notifications go; the pipeline does not dispose them.</param>
    /// <param name="options">Engine settings (repeat interval, clock); defaults when <see langword="null"/>.</param>
    /// <param name="delivery">Delivery settings (queue, retries); defaults when <see langword="null"/>.</param>
    public AlertPipeline(
        IEnumerable<AlertRule> rules,
        IEnumerable<IAlertNotifier> notifiers,
        AlertEngineOptions? options = null,
        NotificationDeliveryOptions? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(notifiers);
        var list = notifiers.ToArray();
        Dispatcher = list.Length > 0 ? new NotificationDispatcher(list, delivery) : null;
        Engine = new AlertEngine(rules, options, Dispatcher);
    }

    /// <summary>The engine: active alerts, rule states.</summary>
    public AlertEngine Engine { get; }

    /// <summary>Delivery statistics (sent, failed, dropped per notifier); <see langword="null"/> without notifiers.</summary>
    public NotificationDispatcher? Dispatcher { get; }

    /// <inheritdoc/>
    public string EvaluatorName => "alerts";

    /// <inheritdoc/>
    public void Publish(MonitoringEvent monitoringEvent) => Engine.Publish(monitoringEvent);

    /// <inheritdoc/>
    public bool Accepts(string kind, string modelName, Severity severity) => Engine.Accepts(kind, modelName, severity);

    /// <inheritdoc/>
    public void Evaluate(DateTimeOffset now) => Engine.Evaluate(now);

    /// <summary>Stops the engine and the dispatcher (pending notifications are drained as the dispatcher allows).</summary>
    public void Dispose()
    {
        Engine.Dispose();
        Dispatcher?.Dispose();
    }
}
