namespace MlObservability.Alerts.Notifiers;

/// <summary>Queueing, retry and timeout settings of a <see cref="NotificationDispatcher"/>.</summary>
public sealed class NotificationDeliveryOptions
{
    /// <summary>Notifications queued per notifier before new ones are dropped (and counted); 256 by default.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Attempts per notification, the first included; 5 by default.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubled for each further one, with jitter; one second by default.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts; one minute by default.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may take before it is cancelled and counted as failed; ten seconds by default.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for backoff delays; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (QueueCapacity < 1 || MaxAttempts < 1)
        {
            throw new ArgumentException("NotificationDeliveryOptions: QueueCapacity and MaxAttempts must be at least 1.");
        }

        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff || AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("NotificationDeliveryOptions: need 0 <= InitialBackoff <= MaxBackoff and a positive AttemptTimeout.");
        }
    }
}
