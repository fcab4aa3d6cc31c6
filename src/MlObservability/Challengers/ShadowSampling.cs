namespace MlObservability.Challengers;

/// <summary>How a <see cref="ChallengerShadow{TInput}"/> chooses the requests its challenger also scores.</summary>
public enum ShadowSampling
{
    /// <summary>
    /// By the request id's hash (<see cref="Quality.RequestIdHash"/>, the one ground-truth sampling uses): a request is
    /// shadowed when its position in [0, 1) is below the share, on every replica alike. With the same rate for both, the
    /// requests sampled for labelling are the shadowed ones, so every label yields a pair. Requests without an id are
    /// chosen at random.
    /// </summary>
    DeterministicByRequestId,

    /// <summary>Uniformly at random, independent of the request id.</summary>
    Random,
}
