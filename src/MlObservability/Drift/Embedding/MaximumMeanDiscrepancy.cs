namespace MlObservability.Drift.Embedding;

/// <summary>
/// The unbiased estimator of the squared maximum mean discrepancy (Gretton et al. 2012, eq. 3) with a Gaussian kernel
/// k(x, y) = exp(−‖x − y‖² / (2σ²)): MMD²ᵤ = mean over i≠j of k(xᵢ, xⱼ) + mean over i≠j of k(yᵢ, yⱼ) − 2 · mean of
/// k(xᵢ, yⱼ), over row-major vectors; the reference term is precomputed in the profile. Also the centroid cosine
/// distance. Evaluation-time code: O((m² / 2 + m·n) · d), no allocation.
/// </summary>
internal static class MaximumMeanDiscrepancy
{
    /// <summary>MMD²ᵤ between a window of <paramref name="m"/> vectors and the profile's reference subsample.</summary>
    public static double Squared(ReadOnlySpan<double> window, int m, EmbeddingDriftProfile profile)
    {
        var d = profile.Dimension;
        var gamma = -1 / (2 * profile.Sigma2);
        var within = WithinMean(window, m, d, profile.Sigma2);
        var reference = profile.Reference.AsSpan();
        var n = profile.ReferenceCount;
        double cross = 0;
        for (var i = 0; i < m; i++)
        {
            var x = window.Slice(i * d, d);
            for (var j = 0; j < n; j++)
            {
                cross += Math.Exp(gamma * VectorMath.SquaredDistance(x, reference.Slice(j * d, d)));
            }
        }

        return within + profile.ReferenceKernelMean - (2 * cross / ((double)m * n));
    }

    /// <summary>The mean kernel value over pairs i≠j of one sample.</summary>
    public static double WithinMean(ReadOnlySpan<double> vectors, int count, int d, double sigma2)
    {
        var gamma = -1 / (2 * sigma2);
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            var x = vectors.Slice(i * d, d);
            for (var j = i + 1; j < count; j++)
            {
                sum += Math.Exp(gamma * VectorMath.SquaredDistance(x, vectors.Slice(j * d, d)));
            }
        }

        return 2 * sum / ((double)count * (count - 1));
    }

    /// <summary>σ² by the median heuristic: half the median pairwise squared distance (numpy's median: the mean of the
    /// two middle values for an even count).</summary>
    public static double MedianHeuristic(ReadOnlySpan<double> vectors, int count, int d)
    {
        var distances = new double[(long)count * (count - 1) / 2];
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                distances[k++] = VectorMath.SquaredDistance(vectors.Slice(i * d, d), vectors.Slice(j * d, d));
            }
        }

        Array.Sort(distances);
        var half = distances.Length / 2;
        var median = distances.Length % 2 == 1 ? distances[half] : 0.5 * (distances[half - 1] + distances[half]);
        return median > 0 ? median / 2 : 1;
    }

    /// <summary>1 − cos(window centroid, reference centroid); 0 when either centroid is the zero vector.</summary>
    public static double CentroidCosineDistance(ReadOnlySpan<double> window, int m, EmbeddingDriftProfile profile)
    {
        var d = profile.Dimension;
        var reference = profile.Centroid;
        double dot = 0, windowNorm = 0, referenceNorm = 0;
        for (var j = 0; j < d; j++)
        {
            double c = 0;
            for (var i = 0; i < m; i++)
            {
                c += window[(i * d) + j];
            }

            c /= m;
            dot += c * reference[j];
            windowNorm += c * c;
            referenceNorm += reference[j] * reference[j];
        }

        return windowNorm > 0 && referenceNorm > 0 ? 1 - (dot / Math.Sqrt(windowNorm) / Math.Sqrt(referenceNorm)) : 0;
    }
}
