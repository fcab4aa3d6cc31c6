using MlObservability.Drift.Multivariate;

namespace MlObservability.Tests.Drift.Multivariate;

/// <summary>
/// The reconstruction error equals scikit-learn's StandardScaler + PCA(n_components=0.65) + inverse_transform on the UCI
/// wine data shipped with scikit-learn (TestData/Drift/make_detector_vectors.py), and the chunk thresholds equal the
/// script's NannyML-style computation on the breast cancer data.
/// </summary>
public sealed class ReconstructionSklearnAgreementTests
{
    [Test]
    public void Wine_components_scaler_and_errors_match_scikit_learn()
    {
        using var expected = DetectorTestData.Json("reconstruction_expected.json");
        var wine = expected.RootElement.GetProperty("wine");
        var (names, reference) = DetectorTestData.Csv("wine_reference.csv", 13);
        var (_, serving) = DetectorTestData.Csv("wine_serving.csv", 13);
        var profile = ReconstructionDriftProfile.Fit(names, reference);
        var servingErrors = DetectorTestData.Numbers(wine.GetProperty("servingErrors"));
        var referenceErrors = DetectorTestData.Numbers(wine.GetProperty("referenceErrors"));
        Assert.Multiple(() =>
        {
            Assert.That(profile.ComponentCount, Is.EqualTo(wine.GetProperty("components").GetInt32()));
            Assert.That(profile.Means, Is.EqualTo(DetectorTestData.Numbers(wine.GetProperty("means"))).Within(1e-9));
            Assert.That(profile.Scales, Is.EqualTo(DetectorTestData.Numbers(wine.GetProperty("scales"))).Within(1e-9));
            Assert.That(profile.ExplainedVarianceRatio, Is.EqualTo(DetectorTestData.Numbers(wine.GetProperty("explainedVarianceRatio"))).Within(1e-9));
            for (var i = 0; i < serving.Count; i++)
            {
                Assert.That(profile.ReconstructionError(serving[i]), Is.EqualTo(servingErrors[i]).Within(1e-9), $"serving row {i}");
            }

            for (var i = 0; i < reference.Count; i++)
            {
                Assert.That(profile.ReconstructionError(reference[i]), Is.EqualTo(referenceErrors[i]).Within(1e-9), $"reference row {i}");
            }
        });
    }

    [Test]
    public void Breast_cancer_chunk_band_matches_the_reference_computation()
    {
        using var expected = DetectorTestData.Json("reconstruction_expected.json");
        var bc = expected.RootElement.GetProperty("breastCancer");
        var (names, reference) = DetectorTestData.Csv("breast_cancer_reference.csv", 6);
        var profile = ReconstructionDriftProfile.Fit(names, reference);
        Assert.Multiple(() =>
        {
            Assert.That(profile.ComponentCount, Is.EqualTo(bc.GetProperty("components").GetInt32()));
            Assert.That(profile.ChunkSize, Is.EqualTo(bc.GetProperty("chunkSize").GetInt32()));
            Assert.That(profile.UpperThreshold, Is.EqualTo(bc.GetProperty("upperThreshold").GetDouble()).Within(1e-9));
            Assert.That(profile.LowerThreshold, Is.EqualTo(bc.GetProperty("lowerThreshold").GetDouble()).Within(1e-9));
        });
    }

    [Test]
    public void A_fixed_component_count_and_a_missing_value_are_honoured()
    {
        var (names, reference) = DetectorTestData.Csv("wine_reference.csv", 13);
        var profile = ReconstructionDriftProfile.Fit(names, reference, new ReconstructionDriftOptions { Components = 5 });
        var row = (double[])reference[0].Clone();
        var imputed = (double[])row.Clone();
        row[3] = double.NaN;
        imputed[3] = profile.Means[3];
        Assert.Multiple(() =>
        {
            Assert.That(profile.ComponentCount, Is.EqualTo(5));
            Assert.That(profile.ReconstructionError(row), Is.EqualTo(profile.ReconstructionError(imputed)).Within(1e-12));
            Assert.That(() => ReconstructionDriftProfile.Fit(names, reference[..10]), Throws.ArgumentException.With.Message.Contains("ChunkSize"));
            Assert.That(() => ReconstructionDriftProfile.Fit(names, reference, new ReconstructionDriftOptions { VarianceShare = 1.5 }), Throws.ArgumentException.With.Message.Contains("VarianceShare"));
        });
    }

    [Test]
    public void Bootstrap_chunks_give_a_band_for_windows_larger_than_the_reference()
    {
        // The sample's situation: 89 reference rows, windows of 500 rows. Bootstrapped 500-row chunk means spread
        // about as much as 500-row means should (sd of one row's error / sqrt(500)), so the band is that narrow.
        var (names, reference) = DetectorTestData.Csv("wine_reference.csv", 13);
        var profile = ReconstructionDriftProfile.Fit(names, reference, new ReconstructionDriftOptions { ChunkSize = 500, BootstrapChunks = 200 });
        var errors = reference.Select(r => profile.ReconstructionError(r)).ToArray();
        var mean = errors.Average();
        var rowSd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / errors.Length);
        Assert.Multiple(() =>
        {
            Assert.That(profile.ChunkSize, Is.EqualTo(500));
            Assert.That(profile.ReferenceChunkMean, Is.EqualTo(mean).Within(4 * rowSd / Math.Sqrt(500 * 200)));
            Assert.That(profile.ReferenceChunkStandardDeviation, Is.EqualTo(rowSd / Math.Sqrt(500)).Within(20).Percent);
            Assert.That(() => ReconstructionDriftProfile.Fit(names, reference, new ReconstructionDriftOptions { ChunkSize = 500, BootstrapChunks = 5 }), Throws.ArgumentException.With.Message.Contains("BootstrapChunks"));
        });
    }
}
