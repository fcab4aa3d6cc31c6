namespace MlObservability.Drift.Multivariate;

/// <summary>How a <see cref="ReconstructionDriftDetector"/> windows production rows.</summary>
public sealed class ReconstructionDriftDetectorOptions
{
    /// <summary>The most rows per window; further rows until the next evaluation are skipped and counted. Default: the
    /// profile's chunk size, the size its thresholds were computed for.</summary>
    public int? WindowSize { get; set; }

    /// <summary>Fewest rows for an evaluation; an evaluation with fewer leaves the rows for the next one. Default: the
    /// window size.</summary>
    public int? MinimumRows { get; set; }

    /// <summary>The severity of a window whose mean error is outside the reference band. Default
    /// <see cref="Severity.Warning"/>.</summary>
    public Severity DriftSeverity { get; set; } = Severity.Warning;

    /// <summary>Re-draws the alarm band as the profile's reference chunk mean ± this many of its chunk standard
    /// deviations (the lower bound floored at 0), instead of the band stored in the profile. Default: the profile's band
    /// (<see cref="ReconstructionDriftProfile.ThresholdStandardDeviations"/>, 3 unless fitted otherwise).</summary>
    public double? ThresholdStandardDeviations { get; set; }

    internal (double Lower, double Upper) ResolveBand(ReconstructionDriftProfile profile)
    {
        if (ThresholdStandardDeviations is not { } k)
        {
            return (profile.LowerThreshold, profile.UpperThreshold);
        }

        if (!(k > 0 && double.IsFinite(k)))
        {
            throw new ArgumentException($"Reconstruction drift: ThresholdStandardDeviations must be a positive number of standard deviations; got {k}.");
        }

        var spread = k * profile.ReferenceChunkStandardDeviation;
        return (Math.Max(0, profile.ReferenceChunkMean - spread), profile.ReferenceChunkMean + spread);
    }

    internal (int Window, int Minimum) Resolve(ReconstructionDriftProfile profile)
    {
        var window = WindowSize ?? profile.ChunkSize;
        var minimum = MinimumRows ?? window;
        if (window is < 1 or > 10_000_000)
        {
            throw new ArgumentException($"Reconstruction drift: WindowSize must be between 1 and 10,000,000 rows; got {window}.");
        }

        if (minimum < 1 || minimum > window)
        {
            throw new ArgumentException($"Reconstruction drift: MinimumRows must be between 1 and the window size ({window}); got {minimum}.");
        }

        if (DriftSeverity is < Severity.Info or > Severity.Critical)
        {
            throw new ArgumentException($"Reconstruction drift: DriftSeverity must be Info, Warning or Critical; got {DriftSeverity}.");
        }

        return (window, minimum);
    }
}
