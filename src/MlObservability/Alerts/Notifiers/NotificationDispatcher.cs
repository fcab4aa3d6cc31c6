using MlObservability.Diagnostics;

namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Delivers notifications in the background: one bounded queue and one loop per notifier, so a dead or slow target
/// delays only itself. <see cref="Enqueue"/> never blocks: when a queue is full the notification is dropped and
/// counted (<c>ml.alerts.notifications{outcome="dropped"}</c>). Each attempt has a timeout; failures are retried with
/// exponential backoff and jitter, then counted as failed.
/// </summary>
public sealed class NotificationDispatcher : IAsyncDisposable, IDisposable
{
    private readonly NotifierLane[] _lanes;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    /// <summary>Starts one delivery loop per notifier.</summary>
    /// <param name="notifiers">The notifiers.</param>
    /// <param name="options">Queue, retry and timeout settings; defaults when <see langword="null"/>.</param>
    public NotificationDispatcher(IEnumerable<IAlertNotifier> notifiers, NotificationDeliveryOptions? options = null)
    {
        var list = Guard.NotNull(notifiers).ToArray();
        options ??= new NotificationDeliveryOptions();
        options.Validate();
        Options = options;
        _lanes = list.Select(n => new NotifierLane(Guard.NotNull(n), options, _stop.Token)).ToArray();
    }

    /// <summary>The settings.</summary>
    public NotificationDeliveryOptions Options { get; }

    /// <summary>Notifications delivered, over all notifiers.</summary>
    public long SentCount => _lanes.Sum(l => l.Sent);

    /// <summary>Notifications that failed every attempt, over all notifiers.</summary>
    public long FailedCount => _lanes.Sum(l => l.Failed);

    /// <summary>Notifications dropped because a queue was full or the dispatcher was stopped.</summary>
    public long DroppedCount => _lanes.Sum(l => l.Dropped);

    /// <summary>The delivery counts of one notifier.</summary>
    /// <param name="notifierName">The notifier's <see cref="IAlertNotifier.Name"/>.</param>
    /// <returns>Sent, failed, dropped (by reason) and pending notifications; zeros for an unknown name.</returns>
    public NotifierCounts GetCounts(string notifierName)
    {
        var lanes = _lanes.Where(l => string.Equals(l.Notifier.Name, notifierName, StringComparison.Ordinal)).ToArray();
        return new NotifierCounts(lanes.Sum(l => l.Sent), lanes.Sum(l => l.Failed), lanes.Sum(l => l.Dropped))
        {
            DroppedQueueFull = lanes.Sum(l => l.DroppedQueueFull),
            DroppedAtStop = lanes.Sum(l => l.DroppedAtStop),
            Pending = lanes.Sum(l => l.Pending),
        };
    }

    /// <summary>Queues a notification for every notifier. Never blocks and never throws.</summary>
    /// <param name="notification">The notification.</param>
    public void Enqueue(AlertNotification notification)
    {
        if (notification is null)
        {
            return;
        }

        foreach (var lane in _lanes)
        {
            lane.Enqueue(notification);
        }
    }

    /// <summary>Stops accepting notifications, lets queued ones be delivered for at most <paramref name="timeout"/>,
    /// then cancels what is left.</summary>
    /// <param name="timeout">How long to wait for the queues to drain.</param>
    /// <returns>A task that completes when every loop has ended.</returns>
    public async Task StopAsync(TimeSpan timeout)
    {
        foreach (var lane in _lanes)
        {
            lane.Complete();
        }

        var all = Task.WhenAll(_lanes.Select(l => l.Loop));
        if (await Task.WhenAny(all, Task.Delay(timeout, TimeProvider.System)).ConfigureAwait(false) != all) // shutdown drains in real time
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await all.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Stops the loops, waiting up to five seconds for queued notifications.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    /// <summary>Stops the loops at once; queued notifications are dropped.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var lane in _lanes)
            {
                lane.Complete();
            }

            _stop.Cancel(); // not disposed here: the loops may still be observing it while they wind down
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"NotificationDispatcher({string.Join(", ", _lanes.Select(l => l.Notifier.Name))})";
}
