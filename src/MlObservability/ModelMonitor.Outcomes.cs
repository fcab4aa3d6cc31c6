using MlObservability.Outcomes;

namespace MlObservability;

/// <content>Business outcomes (user ratings, conversions, revenue) of the model's predictions.</content>
public sealed partial class ModelMonitor
{
    private long _unroutedOutcomes;

    /// <summary>The model's outcome tracker, if one was added.</summary>
    public OutcomeTracker? Outcomes => GetComponent<OutcomeTracker>();

    /// <summary>Outcomes given to <see cref="RecordOutcome"/> while the model had no <see cref="OutcomeTracker"/>.</summary>
    public long UnroutedOutcomes => Interlocked.Read(ref _unroutedOutcomes);

    /// <summary>
    /// Records a business outcome of the model: <c>RecordOutcome("user_feedback_score", 4.0, requestId)</c> joins the
    /// rating to the prediction that request produced (by predicted class on <c>ml.outcome.value</c>);
    /// <c>RecordOutcome("revenue", 12.5)</c> records a free-standing one. Lock-free, allocation-free, never throws (see
    /// <see cref="OutcomeTracker.Record"/>).
    /// </summary>
    /// <param name="name">The outcome name (one of the tracker's bounded names).</param>
    /// <param name="value">The value; NaN and infinities are dropped and counted.</param>
    /// <param name="requestId">The request whose prediction the outcome judges, or <see langword="null"/>.</param>
    /// <returns>What became of the outcome; <see cref="OutcomeResult.NoTracker"/> when the model has no outcome tracker
    /// (counted in <see cref="UnroutedOutcomes"/>).</returns>
    public OutcomeResult RecordOutcome(string name, double value, string? requestId = null)
    {
        if (GetComponent<OutcomeTracker>() is { } tracker)
        {
            return tracker.Record(name, value, requestId);
        }

        Interlocked.Increment(ref _unroutedOutcomes);
        return OutcomeResult.NoTracker;
    }
}
