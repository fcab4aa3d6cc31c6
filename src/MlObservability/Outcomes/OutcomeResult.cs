namespace MlObservability.Outcomes;

/// <summary>What became of one outcome given to <see cref="OutcomeTracker.Record"/>.</summary>
public enum OutcomeResult
{
    /// <summary>Recorded without a request id (a free-standing outcome: a conversion rate, revenue of a session).</summary>
    FreeStanding = 0,

    /// <summary>Recorded and joined to the prediction the request produced (its predicted class is on the series).</summary>
    Joined = 1,

    /// <summary>Recorded free-standing: the tracker does not hold a prediction of that request id (never seen, made by
    /// another replica, or overwritten in the bounded join table by a later prediction).</summary>
    NotHeld = 2,

    /// <summary>Recorded free-standing: the request's prediction is older than <see cref="OutcomeTrackerOptions.JoinTimeToLive"/>.</summary>
    Expired = 3,

    /// <summary>Dropped: the value is NaN or an infinity.</summary>
    NonFinite = 4,

    /// <summary>Dropped: the name is empty or not one of <see cref="OutcomeTrackerOptions.Names"/>.</summary>
    UnknownName = 5,

    /// <summary>Dropped: the tracker already tracks <see cref="OutcomeTrackerOptions.MaxNames"/> other names.</summary>
    NameLimit = 6,

    /// <summary>Dropped: the model has no <see cref="OutcomeTracker"/> (counted in <see cref="ModelMonitor.UnroutedOutcomes"/>).</summary>
    NoTracker = 7,
}
