namespace MlObservability.Inference;

/// <summary>How an inference call ended.</summary>
public enum InferenceOutcome
{
    /// <summary>The call returned a result.</summary>
    Success = 0,

    /// <summary>The call threw or reported an error.</summary>
    Error = 1,

    /// <summary>The call was cancelled by its caller; not an error.</summary>
    Cancelled = 2,
}
