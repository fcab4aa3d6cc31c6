namespace MlObservability.Challengers;

/// <summary>Why a shadowed request produced no comparison (tag <c>reason</c> of <c>ml.challenger.dropped</c>).</summary>
public enum ShadowDropReason
{
    /// <summary>The shadow queue was full; the request was served without shadowing.</summary>
    QueueFull,

    /// <summary>The challenger threw while scoring the request.</summary>
    ChallengerFailed,

    /// <summary>The pair waiting for its label was dropped: the store of pending pairs was full.</summary>
    PendingFull,

    /// <summary>The pair waiting for its label expired before the label came.</summary>
    PendingExpired,
}
