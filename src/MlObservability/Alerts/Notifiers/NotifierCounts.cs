namespace MlObservability.Alerts.Notifiers;

/// <summary>Delivery counts of one notifier.</summary>
/// <param name="Sent">Notifications the target accepted.</param>
/// <param name="Failed">Notifications that failed every attempt.</param>
/// <param name="Dropped">Notifications dropped because the queue was full or the dispatcher stopped.</param>
public readonly record struct NotifierCounts(long Sent, long Failed, long Dropped);
