using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;

namespace MlObservability.Sample.Service;

/// <summary>
/// Delivers the alert engine's notifications to the wine model's router, which rolls back on the configured alerts.
/// The router notifies its own decisions through the alert pipeline's dispatcher, and that dispatcher is built from
/// every <see cref="IAlertNotifier"/> in the container; this notifier resolves the router on first delivery, so the
/// container sees no cycle.
/// </summary>
/// <param name="services">The container holding <see cref="WineModelRouting"/>.</param>
public sealed class RouterAlertTrigger(IServiceProvider services) : IAlertNotifier
{
    /// <inheritdoc/>
    public string Name => "router:wine";

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken) =>
        services.GetRequiredService<WineModelRouting>().Router.SendAsync(notification, cancellationToken);
}
