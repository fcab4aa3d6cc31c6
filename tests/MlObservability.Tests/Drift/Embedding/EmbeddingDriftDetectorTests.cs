using MlObservability.Drift;
using MlObservability.Drift.Embedding;

namespace MlObservability.Tests.Drift.Embedding;

/// <summary>
/// Synthetic 384-dimensional embeddings, fixed seeds: x = μ + ε with a fixed mean direction μ (each coordinate drawn once
/// from N(0, 1), ‖μ‖ ≈ 19.6, as real embeddings are anisotropic) and ε ~ N(0, I). Same-distribution windows alarm at
/// about the calibrated rate; a mean shift of 0.15 standard deviations in every dimension (‖Δ‖ ≈ 2.9) alarms in every
/// window on MMD² and on the centroid cosine distance.
/// </summary>
public sealed class EmbeddingDriftDetectorTests
{
    private const int Dimension = 384;

    private static readonly double[] Mu = MeanDirection();

    private static double[] MeanDirection()
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, Dimension).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))];
    }

    private static float[] Normal(Random random, double shift)
    {
        var v = new float[Dimension];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(Mu[i] + shift + (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())));
        }

        return v;
    }

    private static EmbeddingDriftProfile Fit()
    {
        var random = new Random(1);
        var reference = Enumerable.Range(0, 600).Select(_ => Normal(random, 0)).ToList();
        return EmbeddingDriftProfile.Fit("text", reference, new EmbeddingDriftOptions { ReferenceSampleSize = 200, WindowSize = 100, Permutations = 100, FalseAlarmRate = 0.05 });
    }

    private static (int MmdAlarms, int CentroidAlarms) Serve(EmbeddingDriftProfile profile, double shift, int windows, CollectingEventSink sink)
    {
        var random = new Random(2);
        using var detector = new EmbeddingDriftDetector("embedder", "1", profile, sink: sink);
        int mmd = 0, centroid = 0;
        for (var w = 0; w < windows; w++)
        {
            for (var i = 0; i < profile.WindowSize; i++)
            {
                detector.Record(Normal(random, shift));
            }

            detector.Evaluate(DateTimeOffset.UnixEpoch.AddMinutes(w));
            TestContext.Out.WriteLine($"window {w}: MMD2 {detector.LatestResult!.Mmd2:G4} (threshold {detector.LatestResult.MmdThreshold:G4}), centroid {detector.LatestResult.CentroidDistance:G4} (threshold {detector.LatestResult.CentroidThreshold:G4})");
            mmd += detector.LatestResult!.MmdSeverity > Severity.None ? 1 : 0;
            centroid += detector.LatestResult.CentroidSeverity > Severity.None ? 1 : 0;
        }

        return (mmd, centroid);
    }

    [Test]
    public void Same_distribution_windows_alarm_at_about_the_calibrated_rate()
    {
        var profile = Fit();
        var sink = new CollectingEventSink();
        var (mmd, centroid) = Serve(profile, 0, 60, sink);
        TestContext.Out.WriteLine($"same distribution: {mmd}/60 MMD alarms, {centroid}/60 centroid alarms at a calibrated rate of 0.05");
        Assert.Multiple(() =>
        {
            // Binomial(60, 0.05): P(X > 9) < 0.002; calibration from 100 windows adds some spread.
            Assert.That(mmd, Is.LessThanOrEqualTo(9));
            Assert.That(centroid, Is.LessThanOrEqualTo(9));
            Assert.That(sink.Events, Has.Count.EqualTo(120), "two events (mmd, centroid_cosine) per window");
            Assert.That(sink.Events.All(e => e.Kind == "drift.embedding" && e.Labels["feature"] == "text"));
        });
    }

    [Test]
    public void A_mean_shift_of_0_15_sd_in_every_dimension_alarms_in_every_window()
    {
        var profile = Fit();
        var sink = new CollectingEventSink();
        var (mmd, centroid) = Serve(profile, 0.15, 10, sink);
        Assert.Multiple(() =>
        {
            Assert.That(mmd, Is.EqualTo(10));
            Assert.That(centroid, Is.EqualTo(10));
            Assert.That(sink.Events.Where(e => e.Labels["method"] == "mmd").Select(e => e.Severity), Has.All.EqualTo(Severity.Warning));
        });
    }

    [Test]
    public void Invalid_and_excess_vectors_are_counted_and_the_baseline_round_trips_through_json()
    {
        var profile = Fit();
        using var detector = new EmbeddingDriftDetector("embedder", "1", profile);
        var random = new Random(3);
        var nan = Normal(random, 0);
        nan[7] = float.NaN;
        Assert.Multiple(() =>
        {
            Assert.That(detector.Record(new float[10]), Is.False);
            Assert.That(detector.Record(nan), Is.False);
        });
        for (var i = 0; i < profile.WindowSize + 3; i++)
        {
            detector.Record(Normal(random, 0));
        }

        detector.Evaluate(DateTimeOffset.UnixEpoch);
        var loaded = ReferenceProfile.FromCsv(DetectorTestData.PathOf("wine_reference.csv")).WithEmbedding(profile);
        var copy = ReferenceProfile.FromJson(loaded.ToJson()).EmbeddingNamed("text")!;
        var window = Enumerable.Range(0, 100).SelectMany(_ => Normal(random, 0).Select(x => (double)x)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(detector.InvalidRows, Is.EqualTo(2));
            Assert.That(detector.SkippedRows, Is.EqualTo(3));
            Assert.That(detector.LatestResult!.Rows, Is.EqualTo(profile.WindowSize));
            Assert.That(copy.MmdThreshold, Is.EqualTo(profile.MmdThreshold));
            Assert.That(copy.Sigma2, Is.EqualTo(profile.Sigma2));
            Assert.That(MaximumMeanDiscrepancy.Squared(window, 100, copy), Is.EqualTo(MaximumMeanDiscrepancy.Squared(window, 100, profile)).Within(1e-12));
        });
    }
}
