using MlObservability.Diagnostics;

namespace MlObservability.Drift.Embedding;

/// <summary>
/// The baseline of embedding drift for one vector input: a fixed random subsample of reference vectors, the Gaussian
/// kernel bandwidth chosen by the median heuristic (σ² = median of the pairwise squared distances in the subsample / 2,
/// so k(x, y) = exp(−‖x − y‖² / median)), the subsample's mean kernel value (constant, precomputed), its centroid, and
/// thresholds for the unbiased squared maximum mean discrepancy (MMD²ᵤ) and the centroid cosine distance calibrated by
/// drawing windows from reference vectors outside the subsample. Stored in the reference profile
/// (<see cref="ReferenceProfile.Embeddings"/>).
/// </summary>
public sealed class EmbeddingDriftProfile
{
    internal EmbeddingDriftProfile(
        string name, int dimension, double[] reference, double sigma2, int windowSize, double mmdThreshold, double centroidThreshold,
        double falseAlarmRate, int permutations)
    {
        Name = name;
        Dimension = dimension;
        Reference = reference;
        ReferenceCount = reference.Length / dimension;
        Sigma2 = sigma2;
        WindowSize = windowSize;
        MmdThreshold = mmdThreshold;
        CentroidThreshold = centroidThreshold;
        FalseAlarmRate = falseAlarmRate;
        Permutations = permutations;
        Centroid = new double[dimension];
        for (var i = 0; i < ReferenceCount; i++)
        {
            for (var j = 0; j < dimension; j++)
            {
                Centroid[j] += reference[(i * dimension) + j] / ReferenceCount;
            }
        }

        ReferenceKernelMean = MaximumMeanDiscrepancy.WithinMean(reference, ReferenceCount, dimension, sigma2);
    }

    /// <summary>The embedding input's name (the <c>ml.feature.name</c> tag).</summary>
    public string Name { get; }

    /// <summary>The vector length.</summary>
    public int Dimension { get; }

    /// <summary>Reference vectors kept.</summary>
    public int ReferenceCount { get; }

    /// <summary>The kernel bandwidth squared, σ².</summary>
    public double Sigma2 { get; }

    /// <summary>Vectors per production window (the size the thresholds were calibrated for).</summary>
    public int WindowSize { get; }

    /// <summary>A window's MMD² above this is drift.</summary>
    public double MmdThreshold { get; }

    /// <summary>A window's centroid cosine distance above this is drift.</summary>
    public double CentroidThreshold { get; }

    /// <summary>The false-alarm rate the thresholds were calibrated for.</summary>
    public double FalseAlarmRate { get; }

    /// <summary>The number of calibration windows.</summary>
    public int Permutations { get; }

    internal double[] Reference { get; }

    internal double[] Centroid { get; }

    internal double ReferenceKernelMean { get; }

    /// <summary>Fits the baseline.</summary>
    /// <param name="name">The embedding input's name.</param>
    /// <param name="vectors">Reference vectors of one length (at least the window size + 10; ideally the reference
    /// sample size + the window size, so calibration windows do not overlap the subsample).</param>
    /// <param name="options">Sizes, permutations, false-alarm rate; defaults when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">Too few vectors, vectors of different lengths or with non-finite values, or
    /// options out of range; the message says what to change.</exception>
    public static EmbeddingDriftProfile Fit(string name, IReadOnlyList<float[]> vectors, EmbeddingDriftOptions? options = null)
    {
        Guard.NotNullOrWhiteSpace(name);
        Guard.NotNull(vectors);
        options ??= new EmbeddingDriftOptions();
        var dimension = vectors.Count == 0 ? 0 : vectors[0].Length;
        options.Validate(vectors.Count, dimension);
        foreach (var v in vectors)
        {
            if (v.Length != dimension || v.Any(x => !float.IsFinite(x)))
            {
                throw new ArgumentException($"Embedding '{name}': every reference vector must have {dimension} finite values.", nameof(vectors));
            }
        }

        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, vectors.Count).ToArray();
        random.Shuffle(order);
        var n = Math.Min(options.ReferenceSampleSize, vectors.Count - options.WindowSize);
        var reference = new double[n * dimension];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < dimension; j++)
            {
                reference[(i * dimension) + j] = vectors[order[i]][j];
            }
        }

        var sigma2 = MaximumMeanDiscrepancy.MedianHeuristic(reference, n, dimension);
        var calibrating = new EmbeddingDriftProfile(name, dimension, reference, sigma2, options.WindowSize, double.NaN, double.NaN, options.FalseAlarmRate, options.Permutations);
        var heldOut = order.AsSpan(n).ToArray();
        var m = options.WindowSize;
        var window = new double[m * dimension];
        var mmd = new double[options.Permutations];
        var cosine = new double[options.Permutations];
        for (var p = 0; p < options.Permutations; p++)
        {
            for (var i = 0; i < m; i++)
            {
                var pick = random.Next(i, heldOut.Length);
                (heldOut[i], heldOut[pick]) = (heldOut[pick], heldOut[i]);
                for (var j = 0; j < dimension; j++)
                {
                    window[(i * dimension) + j] = vectors[heldOut[i]][j];
                }
            }

            mmd[p] = MaximumMeanDiscrepancy.Squared(window, m, calibrating);
            cosine[p] = MaximumMeanDiscrepancy.CentroidCosineDistance(window, m, calibrating);
        }

        return new EmbeddingDriftProfile(
            name, dimension, reference, sigma2, m, Quantile(mmd, options.FalseAlarmRate), Quantile(cosine, options.FalseAlarmRate),
            options.FalseAlarmRate, options.Permutations);
    }

    private static double Quantile(double[] values, double falseAlarmRate)
    {
        Array.Sort(values);
        var index = (int)Math.Ceiling((1 - falseAlarmRate) * values.Length) - 1;
        return values[Math.Clamp(index, 0, values.Length - 1)];
    }
}
