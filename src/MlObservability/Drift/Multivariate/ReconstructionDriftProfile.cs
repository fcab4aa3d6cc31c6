using MathNet.Numerics.LinearAlgebra;
using MlObservability.Diagnostics;

namespace MlObservability.Drift.Multivariate;

/// <summary>
/// The multivariate baseline of NannyML's data-reconstruction drift: the reference means and (population) standard
/// deviations of the numeric features, the principal components of the standardised reference data, and the band of
/// mean reconstruction errors seen over reference chunks. A row's reconstruction error is the Euclidean distance between
/// its standardised values z and their projection back from the components, ‖z − CᵀCz‖; missing values are imputed with
/// the reference mean (z = 0). Equal to scikit-learn's <c>StandardScaler</c> + <c>PCA</c> + <c>inverse_transform</c>.
/// Stored in the reference profile (<see cref="ReferenceProfile.Reconstruction"/>).
/// </summary>
public sealed class ReconstructionDriftProfile
{
    private readonly string[] _names;
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly double[] _components;

    internal ReconstructionDriftProfile(
        string[] names, double[] means, double[] scales, double[] components, int componentCount, double[] explainedVarianceRatio,
        int chunkSize, double chunkMean, double chunkStandardDeviation, double thresholdStandardDeviations)
    {
        _names = names;
        _means = means;
        _scales = scales;
        _components = components;
        ComponentCount = componentCount;
        ExplainedVarianceRatio = explainedVarianceRatio;
        ChunkSize = chunkSize;
        ReferenceChunkMean = chunkMean;
        ReferenceChunkStandardDeviation = chunkStandardDeviation;
        ThresholdStandardDeviations = thresholdStandardDeviations;
        UpperThreshold = chunkMean + (thresholdStandardDeviations * chunkStandardDeviation);
        LowerThreshold = Math.Max(0, chunkMean - (thresholdStandardDeviations * chunkStandardDeviation));
    }

    /// <summary>The features, in the order rows are given.</summary>
    public IReadOnlyList<string> FeatureNames => _names;

    /// <summary>The reference mean of each feature (also the imputed value of a missing one).</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The reference population standard deviation of each feature (1 for a constant feature, as scikit-learn).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>The number of principal components kept.</summary>
    public int ComponentCount { get; }

    /// <summary>The share of variance explained by each kept component.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>Rows per reference chunk (and the window size the thresholds are meant for).</summary>
    public int ChunkSize { get; }

    /// <summary>The mean of the reference chunks' mean reconstruction errors.</summary>
    public double ReferenceChunkMean { get; }

    /// <summary>The population standard deviation of the reference chunks' mean reconstruction errors.</summary>
    public double ReferenceChunkStandardDeviation { get; }

    /// <summary>How many standard deviations the band spans either side of the mean.</summary>
    public double ThresholdStandardDeviations { get; }

    /// <summary>A window's mean error above this is drift.</summary>
    public double UpperThreshold { get; }

    /// <summary>A window's mean error below this is drift too (data suspiciously easy to reconstruct, e.g. constant).</summary>
    public double LowerThreshold { get; }

    internal double[] ComponentMatrix => _components;

    internal double[] MeanArray => _means;

    internal double[] ScaleArray => _scales;

    /// <summary>Fits the baseline on reference rows (NaN or infinite values are imputed with the feature's mean).</summary>
    /// <param name="featureNames">The numeric features, in row order.</param>
    /// <param name="rows">The reference rows.</param>
    /// <param name="options">Variance share, chunk size, band width; defaults when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">Fewer than two features, a row of the wrong length, or options that do not fit
    /// the data; the message says what to change.</exception>
    public static ReconstructionDriftProfile Fit(IReadOnlyList<string> featureNames, IReadOnlyList<double[]> rows, ReconstructionDriftOptions? options = null)
    {
        Guard.NotNull(featureNames);
        Guard.NotNull(rows);
        options ??= new ReconstructionDriftOptions();
        var d = featureNames.Count;
        if (d < 2)
        {
            throw new ArgumentException("Reconstruction drift needs at least two numeric features.", nameof(featureNames));
        }

        var n = rows.Count;
        options.Validate(n, d);
        var means = new double[d];
        var counts = new long[d];
        foreach (var row in rows)
        {
            if (row.Length != d)
            {
                throw new ArgumentException($"A reference row has {row.Length} values but {d} features were named.", nameof(rows));
            }

            for (var j = 0; j < d; j++)
            {
                if (double.IsFinite(row[j]))
                {
                    means[j] += row[j];
                    counts[j]++;
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            means[j] = counts[j] == 0 ? 0 : means[j] / counts[j];
        }

        var scales = new double[d];
        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                var v = double.IsFinite(row[j]) ? row[j] - means[j] : 0;
                scales[j] += v * v;
            }
        }

        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scales[j] / n);
            scales[j] = sd > 0 ? sd : 1;
        }

        var z = Matrix<double>.Build.Dense(n, d, (i, j) => double.IsFinite(rows[i][j]) ? (rows[i][j] - means[j]) / scales[j] : 0);
        var columnMeans = z.ColumnSums() / n;
        for (var i = 0; i < n; i++)
        {
            z.SetRow(i, z.Row(i) - columnMeans);
        }

        var svd = z.Svd(computeVectors: true);
        var s2 = svd.S.PointwisePower(2);
        var total = s2.Sum();
        var k = options.Components ?? ComponentsFor(s2.ToArray(), total, options.VarianceShare);
        k = Math.Min(k, svd.S.Count);
        var components = new double[k * d];
        var ratios = new double[k];
        for (var c = 0; c < k; c++)
        {
            ratios[c] = s2[c] / total;
            for (var j = 0; j < d; j++)
            {
                components[(c * d) + j] = svd.VT[c, j];
            }
        }

        var chunk = options.ChunkSize ?? n / 10;
        var profile = new ReconstructionDriftProfile([.. featureNames], means, scales, components, k, ratios, chunk, 0, 0, options.ThresholdStandardDeviations);
        Span<double> scratch = new double[d + k];
        var errors = new double[n];
        for (var i = 0; i < n; i++)
        {
            errors[i] = profile.ReconstructionError(rows[i], scratch, out _);
        }

        var chunks = options.BootstrapChunks ?? n / chunk;
        var chunkMeans = new double[chunks];
        var random = new Random(options.Seed);
        for (var c = 0; c < chunks; c++)
        {
            double sum = 0;
            for (var i = 0; i < chunk; i++)
            {
                sum += errors[options.BootstrapChunks is null ? (c * chunk) + i : random.Next(n)];
            }

            chunkMeans[c] = sum / chunk;
        }

        var mean = chunkMeans.Average();
        var sd2 = chunkMeans.Sum(m => (m - mean) * (m - mean)) / chunks;
        return new ReconstructionDriftProfile(
            profile._names, means, scales, components, k, ratios, chunk, mean, Math.Sqrt(sd2), options.ThresholdStandardDeviations);
    }

    /// <summary>The reconstruction error of one row (missing values imputed with the reference mean).</summary>
    /// <param name="row">The row, in <see cref="FeatureNames"/> order.</param>
    /// <returns>‖z − CᵀCz‖.</returns>
    /// <exception cref="ArgumentException">The row has the wrong length.</exception>
    public double ReconstructionError(ReadOnlySpan<double> row)
    {
        if (row.Length != _names.Length)
        {
            throw new ArgumentException($"A row has {row.Length} values but the reconstruction profile has {_names.Length} features.", nameof(row));
        }

        var scratch = _names.Length + ComponentCount <= 512 ? stackalloc double[_names.Length + ComponentCount] : new double[_names.Length + ComponentCount];
        return ReconstructionError(row, scratch, out _);
    }

    /// <summary>The reconstruction error of a row of the right length, with caller-provided scratch of at least
    /// features + components values; counts imputed values.</summary>
    internal double ReconstructionError(ReadOnlySpan<double> row, Span<double> scratch, out int imputed)
    {
        var d = _names.Length;
        var k = ComponentCount;
        var z = scratch[..d];
        var p = scratch.Slice(d, k);
        imputed = 0;
        for (var j = 0; j < d; j++)
        {
            var v = row[j];
            if (double.IsFinite(v))
            {
                z[j] = (v - _means[j]) / _scales[j];
            }
            else
            {
                z[j] = 0;
                imputed++;
            }
        }

        var components = _components.AsSpan();
        for (var c = 0; c < k; c++)
        {
            p[c] = VectorMath.Dot(components.Slice(c * d, d), z);
        }

        for (var c = 0; c < k; c++)
        {
            VectorMath.Subtract(z, components.Slice(c * d, d), p[c]);
        }

        var error = VectorMath.Dot(z, z);
        return Math.Sqrt(error);
    }

    private static int ComponentsFor(double[] s2, double total, double share)
    {
        double cumulative = 0;
        var k = 0;
        for (var c = 0; c < s2.Length; c++)
        {
            cumulative += s2[c] / total;
            if (cumulative <= share)
            {
                k++;
            }
        }

        return k + 1;
    }
}
