namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Delivery counts of one notifier. Every notification handed to the notifier ends in exactly one of
/// <see cref="Sent"/>, <see cref="Failed"/> or <see cref="Dropped"/>; until then it is <see cref="Pending"/>. Read while
/// notifications move, the sum of the four may exceed the number enqueued by the few in transition, never fall below it;
/// once the dispatcher has stopped, <see cref="Pending"/> is zero and the sum is exact.
/// </summary>
/// <param name="Sent">Notifications the target accepted.</param>
/// <param name="Failed">Notifications that failed every attempt.</param>
/// <param name="Dropped">Notifications dropped because the queue was full or the dispatcher stopped.</param>
public readonly record struct NotifierCounts(long Sent, long Failed, long Dropped)
{
    /// <summary>Of <see cref="Dropped"/>: dropped because the notifier's queue was full (a slow or hanging target).</summary>
    public long DroppedQueueFull { get; init; }

    /// <summary>Of <see cref="Dropped"/>: queued or in delivery when the dispatcher stopped, or enqueued after it stopped.</summary>
    public long DroppedAtStop { get; init; }

    /// <summary>Accepted and not yet sent, failed or dropped: queued, or in delivery (retries included).</summary>
    public long Pending { get; init; }
}
