namespace MlObservability.Quality;

/// <summary>Whether a recorded prediction was a classification or a regression output.</summary>
public enum PredictionKind
{
    /// <summary>A class with a confidence.</summary>
    Classification = 0,

    /// <summary>A numeric value.</summary>
    Regression = 1,
}
