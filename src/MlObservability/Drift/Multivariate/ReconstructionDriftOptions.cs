namespace MlObservability.Drift.Multivariate;

/// <summary>How <see cref="ReconstructionDriftProfile.Fit"/> builds the multivariate baseline (NannyML's data
/// reconstruction method).</summary>
public sealed class ReconstructionDriftOptions
{
    /// <summary>Keep the fewest principal components whose explained-variance share exceeds this (scikit-learn's
    /// <c>PCA(n_components=0.65)</c> rule). Default 0.65, as NannyML. Ignored when <see cref="Components"/> is set.</summary>
    public double VarianceShare { get; set; } = 0.65;

    /// <summary>A fixed number of components instead of <see cref="VarianceShare"/>.</summary>
    public int? Components { get; set; }

    /// <summary>Rows per reference chunk; the threshold comes from the mean reconstruction error of each chunk, so
    /// evaluate production windows of the same size. Default: a tenth of the reference rows (NannyML's default of ten
    /// chunks).</summary>
    public int? ChunkSize { get; set; }

    /// <summary>Draw this many chunks of <see cref="ChunkSize"/> rows with replacement (a bootstrap) instead of cutting
    /// the reference into consecutive chunks, for windows larger than the reference allows (500-row windows against a
    /// reference of 178 rows, say). <see langword="null"/> (default): consecutive chunks, as NannyML.</summary>
    public int? BootstrapChunks { get; set; }

    /// <summary>Seed of the bootstrap draws. Default 20240601.</summary>
    public int Seed { get; set; } = 20240601;

    /// <summary>The alarm band is the mean of the chunk errors ± this many (population) standard deviations, the lower
    /// bound floored at 0. Default 3.</summary>
    public double ThresholdStandardDeviations { get; set; } = 3;

    internal void Validate(int rows, int features)
    {
        if (Components is { } k && (k < 1 || k >= features))
        {
            throw new ArgumentException($"Reconstruction drift: Components must be between 1 and the feature count minus one ({features - 1}); got {k}.");
        }

        if (Components is null && !(VarianceShare > 0 && VarianceShare < 1))
        {
            throw new ArgumentException($"Reconstruction drift: VarianceShare must be in (0, 1); got {VarianceShare}.");
        }

        if (!(ThresholdStandardDeviations > 0 && double.IsFinite(ThresholdStandardDeviations)))
        {
            throw new ArgumentException($"Reconstruction drift: ThresholdStandardDeviations must be positive; got {ThresholdStandardDeviations}.");
        }

        var chunk = ChunkSize ?? rows / 10;
        if (BootstrapChunks is { } b)
        {
            if (b is < 10 or > 100_000 || chunk is < 2 or > 10_000_000)
            {
                throw new ArgumentException($"Reconstruction drift: BootstrapChunks must be between 10 and 100,000 and ChunkSize between 2 and 10,000,000; got {b} and {chunk}.");
            }

            return;
        }

        if (chunk < 2 || rows / chunk < 2)
        {
            throw new ArgumentException($"Reconstruction drift: {rows} reference rows give chunks of {chunk} rows; at least two chunks of two rows are needed (supply more rows, set ChunkSize, or set BootstrapChunks).");
        }
    }
}
