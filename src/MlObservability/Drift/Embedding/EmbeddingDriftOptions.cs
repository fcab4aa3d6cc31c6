namespace MlObservability.Drift.Embedding;

/// <summary>How <see cref="EmbeddingDriftProfile.Fit"/> builds an embedding baseline.</summary>
public sealed class EmbeddingDriftOptions
{
    /// <summary>Reference vectors kept (a uniform random subsample); every evaluation compares the window with all of
    /// them, so evaluation cost grows linearly with it. Default 1,000.</summary>
    public int ReferenceSampleSize { get; set; } = 1_000;

    /// <summary>Vectors per production window; the threshold is calibrated for windows of this size. Default 500.</summary>
    public int WindowSize { get; set; } = 500;

    /// <summary>Random windows drawn from the reference vectors not in the subsample to calibrate the thresholds (the
    /// permutation null distribution). Default 200.</summary>
    public int Permutations { get; set; } = 200;

    /// <summary>The share of same-distribution windows allowed to alarm: the thresholds are the (1 − rate) quantiles of
    /// the null statistics. Default 0.01.</summary>
    public double FalseAlarmRate { get; set; } = 0.01;

    /// <summary>Seed of the subsample and the calibration draws. Default 20240601.</summary>
    public int Seed { get; set; } = 20240601;

    internal void Validate(int vectors, int dimension)
    {
        if (dimension is < 1 or > 65_536)
        {
            throw new ArgumentException($"Embedding drift: the dimension must be between 1 and 65,536; got {dimension}.");
        }

        if (ReferenceSampleSize < 10 || WindowSize < 2)
        {
            throw new ArgumentException($"Embedding drift: ReferenceSampleSize must be at least 10 and WindowSize at least 2; got {ReferenceSampleSize} and {WindowSize}.");
        }

        if (vectors < WindowSize + 10)
        {
            throw new ArgumentException($"Embedding drift: {vectors} reference vectors are too few for windows of {WindowSize}; calibration needs at least WindowSize + 10 (better ReferenceSampleSize + WindowSize = {ReferenceSampleSize + WindowSize}).");
        }

        if (Permutations < 20)
        {
            throw new ArgumentException($"Embedding drift: Permutations must be at least 20; got {Permutations}.");
        }

        if (!(FalseAlarmRate > 0 && FalseAlarmRate < 0.5) || FalseAlarmRate * Permutations < 1)
        {
            throw new ArgumentException($"Embedding drift: FalseAlarmRate must be in (0, 0.5) with at least one permutation above the quantile (FalseAlarmRate x Permutations >= 1); got {FalseAlarmRate} with {Permutations}.");
        }
    }
}
