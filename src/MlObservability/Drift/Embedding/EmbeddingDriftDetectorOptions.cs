namespace MlObservability.Drift.Embedding;

/// <summary>How an <see cref="EmbeddingDriftDetector"/> evaluates windows.</summary>
public sealed class EmbeddingDriftDetectorOptions
{
    /// <summary>Fewest vectors for an evaluation; an evaluation with fewer leaves them for the next one. Default: the
    /// profile's window size (the size the thresholds were calibrated for; smaller windows alarm more often).</summary>
    public int? MinimumRows { get; set; }

    /// <summary>The severity of a window whose statistic exceeds its threshold. Default <see cref="Severity.Warning"/>.</summary>
    public Severity DriftSeverity { get; set; } = Severity.Warning;

    internal int Resolve(EmbeddingDriftProfile profile)
    {
        var minimum = MinimumRows ?? profile.WindowSize;
        if (minimum < 2 || minimum > profile.WindowSize)
        {
            throw new ArgumentException($"Embedding drift: MinimumRows must be between 2 and the window size ({profile.WindowSize}); got {minimum}.");
        }

        if (DriftSeverity is < Severity.Info or > Severity.Critical)
        {
            throw new ArgumentException($"Embedding drift: DriftSeverity must be Info, Warning or Critical; got {DriftSeverity}.");
        }

        return minimum;
    }
}
