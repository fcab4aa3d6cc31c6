namespace MlObservability.Quality;

/// <summary>How <see cref="GroundTruthSampler"/> draws the number it compares with the sampling rate.</summary>
public enum SamplingStrategy
{
    /// <summary>An independent random draw per prediction (Bernoulli at the rate).</summary>
    Bernoulli = 0,

    /// <summary>
    /// A hash of the request id (<see cref="RequestIdHash"/>), so every replica and the label pipeline agree on which ids
    /// are sampled. Predictions without a request id are never sampled.
    /// </summary>
    DeterministicByRequestId = 1,
}

/// <summary>What <see cref="GroundTruthSampler"/> balances its sampling across.</summary>
public enum SamplingStratification
{
    /// <summary>One rate for every prediction.</summary>
    None = 0,

    /// <summary>Each predicted class gets an equal share of the labels: rare classes are sampled at a higher rate.</summary>
    PredictedClass = 1,

    /// <summary>Each segment gets an equal share of the labels.</summary>
    Segment = 2,
}
