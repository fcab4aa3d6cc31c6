namespace MlObservability.Drift.Multivariate;

/// <summary>The outcome of one evaluated window of the reconstruction-error detector.</summary>
/// <param name="MeanError">The mean reconstruction error of the window's rows.</param>
/// <param name="LowerThreshold">The lower bound of the reference band.</param>
/// <param name="UpperThreshold">The upper bound of the reference band.</param>
/// <param name="Severity">The configured severity when the mean error is outside the band, otherwise none.</param>
/// <param name="Rows">Rows in the window.</param>
/// <param name="ImputedValues">Missing or non-finite values imputed with the reference mean in the window.</param>
/// <param name="Timestamp">When the window was evaluated.</param>
public sealed record ReconstructionDriftResult(
    double MeanError, double LowerThreshold, double UpperThreshold, Severity Severity, int Rows, long ImputedValues, DateTimeOffset Timestamp);
