using System.Threading.Channels;
using MlObservability.Diagnostics;

namespace MlObservability.Alerts.Notifiers;

/// <summary>The bounded queue and delivery loop of one notifier.</summary>
internal sealed class NotifierLane
{
    private readonly Channel<AlertNotification> _queue;
    private readonly NotificationDeliveryOptions _options;
    private readonly CancellationToken _stop;
    private readonly KeyValuePair<string, object?>[] _sentTags;
    private readonly KeyValuePair<string, object?>[] _failedTags;
    private readonly KeyValuePair<string, object?>[] _droppedTags;
    private long _sent;
    private long _failed;
    private long _dropped;
    private long _droppedQueueFull;
    private long _droppedAtStop;
    private long _pending;

    public NotifierLane(IAlertNotifier notifier, NotificationDeliveryOptions options, CancellationToken stop)
    {
        Notifier = notifier;
        _options = options;
        _stop = stop;
        _sentTags = Tags(notifier.Name, "sent");
        _failedTags = Tags(notifier.Name, "failed");
        _droppedTags = Tags(notifier.Name, "dropped");
        _queue = Channel.CreateBounded<AlertNotification>(
            new BoundedChannelOptions(options.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropWrite,
                SingleReader = true,
                SingleWriter = false,
            },
            _ =>
            {
                Interlocked.Increment(ref _droppedQueueFull);
                CountDropped("queue full");
            });
        Loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public IAlertNotifier Notifier { get; }

    public Task Loop { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Of <see cref="Dropped"/>: dropped because the queue was full.</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>Of <see cref="Dropped"/>: dropped because the dispatcher stopped (or the loop ended) before an outcome.</summary>
    public long DroppedAtStop => Interlocked.Read(ref _droppedAtStop);

    /// <summary>Accepted and not yet ended in an outcome: queued, or in delivery (retries included). An outcome is counted
    /// before the notification leaves this count, so sent + failed + dropped + pending never reads below what was enqueued.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public void Enqueue(AlertNotification notification)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(notification))
        {
            DropAtStop("dispatcher stopped");
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    private static KeyValuePair<string, object?>[] Tags(string notifier, string outcome) =>
        [new(SemanticConventions.AlertNotifier, notifier), new(AlertInstruments.OutcomeTag, outcome)];

    private void CountDropped(string reason)
    {
        Interlocked.Increment(ref _dropped);
        Interlocked.Decrement(ref _pending);
        AlertInstruments.Notifications.Add(1, _droppedTags);
        MlObservabilityEventSource.Log.NotificationDropped(Notifier.Name, reason);
    }

    private void DropAtStop(string reason)
    {
        Interlocked.Increment(ref _droppedAtStop);
        CountDropped(reason);
    }

    /// <summary>Delivers queued notifications until the queue completes or the dispatcher stops. Every notification taken
    /// from the queue ends in exactly one outcome (sent, failed or dropped), whatever ends the loop.</summary>
    private async Task RunAsync()
    {
        AlertNotification? inFlight = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out inFlight))
                {
                    await DeliverAsync(inFlight).ConfigureAwait(false);
                    inFlight = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            DropRemaining(inFlight, "dispatcher stopped");
        }
        catch (Exception ex)
        {
            MlObservabilityEventSource.Log.BackgroundFailure("notifier " + Notifier.Name, ex.GetType().Name);
            DropRemaining(inFlight, "delivery loop failed");
        }
    }

    /// <summary>Counts the notification being delivered when the loop ended, and every one still queued, as dropped.</summary>
    private void DropRemaining(AlertNotification? inFlight, string reason)
    {
        _queue.Writer.TryComplete(); // later Enqueue calls are counted as dropped by Enqueue itself
        if (inFlight is not null)
        {
            DropAtStop(reason);
        }

        while (_queue.Reader.TryRead(out _))
        {
            DropAtStop(reason);
        }
    }

    /// <summary>Delivers one notification with retries; counts it sent or failed. Throws only
    /// <see cref="OperationCanceledException"/> when the dispatcher stops, leaving the notification to the caller to count.</summary>
    private async Task DeliverAsync(AlertNotification notification)
    {
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop);
            timeout.CancelAfter(_options.AttemptTimeout);
            try
            {
                await Notifier.SendAsync(notification, timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _sent);
                Interlocked.Decrement(ref _pending);
                AlertInstruments.Notifications.Add(1, _sentTags);
                MlObservabilityEventSource.Log.NotificationSent(Notifier.Name);
                return;
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Stopped mid-attempt, whatever the notifier threw for it: the caller counts this one as dropped.
                throw new OperationCanceledException(_stop);
            }
            catch (Exception ex)
            {
                string error = ex is OperationCanceledException ? $"timed out after {_options.AttemptTimeout}" : SecretRedaction.Describe(ex);
                MlObservabilityEventSource.Log.NotificationAttemptFailed(Notifier.Name, attempt, error);
            }

            if (attempt < _options.MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), _options.TimeProvider, _stop).ConfigureAwait(false);
            }
        }

        Interlocked.Increment(ref _failed);
        Interlocked.Decrement(ref _pending);
        AlertInstruments.Notifications.Add(1, _failedTags);
        MlObservabilityEventSource.Log.NotificationFailed(Notifier.Name, _options.MaxAttempts);
    }

    /// <summary>Exponential backoff with equal jitter: half the doubled delay plus a random share of the other half.</summary>
    private TimeSpan Backoff(int attempt)
    {
        double max = _options.MaxBackoff.Ticks;
        double full = Math.Min(max, _options.InitialBackoff.Ticks * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // jitter needs no cryptographic randomness
        return TimeSpan.FromTicks((long)((full / 2) + (Random.Shared.NextDouble() * full / 2)));
#pragma warning restore CA5394
    }
}
