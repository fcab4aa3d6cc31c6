namespace MlObservability.Quality;

/// <summary>What became of a ground-truth label given to <see cref="QualityMonitor.RecordGroundTruth(string, string)"/>.</summary>
public enum GroundTruthOutcome
{
    /// <summary>The label was joined to its pending prediction and counts in the quality metrics.</summary>
    Joined = 0,

    /// <summary>No sampled prediction with this request id is known (never sampled, or forgotten long ago).</summary>
    UnknownId = 1,

    /// <summary>The prediction was sampled but left the pending store before the label came (time-to-live or capacity).</summary>
    Expired = 2,

    /// <summary>A label for this request id was already joined; the first one counts.</summary>
    Duplicate = 3,

    /// <summary>The label was unusable: null or empty request id or label, NaN or infinite value, or a label of the wrong kind.</summary>
    Invalid = 4,
}
