namespace MlObservability.Slo;

/// <summary>What an <see cref="SloObjective"/> counts as good and total events.</summary>
public enum SloObjectiveKind
{
    /// <summary>Successful inferences faster than a latency threshold, out of all successful inferences.</summary>
    Latency = 0,

    /// <summary>Inferences that did not fail, out of all non-cancelled inferences.</summary>
    ErrorRate = 1,

    /// <summary>Inferences that did not fail, out of all non-cancelled inferences, plus any health-probe results
    /// recorded with <see cref="SloTracker.RecordEvent"/>.</summary>
    Availability = 2,

    /// <summary>Minutes in which the request rate met a floor, out of all elapsed minutes.</summary>
    Throughput = 3,

    /// <summary>Events recorded only through <see cref="SloTracker.RecordEvent"/> (accuracy of labelled outcomes,
    /// business checks).</summary>
    Custom = 4,

    /// <summary>Business outcomes recorded through an <see cref="Outcomes.OutcomeTracker"/> under one outcome name: an
    /// outcome at or above (or at or under) a threshold is good ("95 % of sessions score at least 3").</summary>
    Outcome = 5,
}
