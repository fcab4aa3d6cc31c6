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
        if (chunk < 2 || rows / chunk < 2)
        {
            throw new ArgumentException($"Reconstruction drift: {rows} reference rows give chunks of {chunk} rows; at least two chunks of two rows are needed (supply more rows or set ChunkSize).");
        }
    }
}
