using MlObservability.Drift.Embedding;

namespace MlObservability.Tests.Drift.Embedding;

/// <summary>MMD²ᵤ, the median-heuristic bandwidth and the centroid cosine distance equal numpy's on stored vectors
/// (TestData/Drift/mmd_vectors.json, made by make_detector_vectors.py).</summary>
public sealed class MmdNumpyAgreementTests
{
    private static float[][] Vectors(System.Text.Json.JsonElement e) =>
        [.. e.EnumerateArray().Select(v => v.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray())];

    private static double[] Flat(float[][] vectors) => [.. vectors.SelectMany(v => v.Select(x => (double)x))];

    [Test]
    public void Squared_mmd_bandwidth_and_centroid_distance_match_numpy()
    {
        using var doc = DetectorTestData.Json("mmd_vectors.json");
        var root = doc.RootElement;
        var reference = Vectors(root.GetProperty("reference"));
        var same = Vectors(root.GetProperty("same"));
        var shifted = Vectors(root.GetProperty("shifted"));
        var d = reference[0].Length;
        var sigma2 = MaximumMeanDiscrepancy.MedianHeuristic(Flat(reference), reference.Length, d);
        var profile = new EmbeddingDriftProfile("e", d, Flat(reference), sigma2, same.Length, 1, 1, 0.05, 20);
        Assert.Multiple(() =>
        {
            Assert.That(sigma2, Is.EqualTo(root.GetProperty("sigma2").GetDouble()).Within(1e-9));
            Assert.That(MaximumMeanDiscrepancy.Squared(Flat(same), same.Length, profile), Is.EqualTo(root.GetProperty("mmd2Same").GetDouble()).Within(1e-9));
            Assert.That(MaximumMeanDiscrepancy.Squared(Flat(shifted), shifted.Length, profile), Is.EqualTo(root.GetProperty("mmd2Shifted").GetDouble()).Within(1e-9));
            Assert.That(MaximumMeanDiscrepancy.CentroidCosineDistance(Flat(same), same.Length, profile), Is.EqualTo(root.GetProperty("cosineSame").GetDouble()).Within(1e-9));
            Assert.That(MaximumMeanDiscrepancy.CentroidCosineDistance(Flat(shifted), shifted.Length, profile), Is.EqualTo(root.GetProperty("cosineShifted").GetDouble()).Within(1e-9));
        });
    }
}
