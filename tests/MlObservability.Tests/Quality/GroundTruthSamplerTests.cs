using System.Globalization;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class GroundTruthSamplerTests
{
    [Test]
    public void Request_id_hash_matches_the_python_definition()
    {
        foreach (var vector in ReferenceData.Get("requestIdHashes").EnumerateArray())
        {
            string id = vector.GetProperty("id").GetString()!;
            ulong expectedHash = ulong.Parse(vector.GetProperty("hash").GetString()!, CultureInfo.InvariantCulture);
            Assert.Multiple(() =>
            {
                Assert.That(RequestIdHash.Hash64(id), Is.EqualTo(expectedHash), id);
                Assert.That(RequestIdHash.UnitInterval(id), Is.EqualTo(vector.GetProperty("unit").GetDouble()), id);
            });
        }
    }

    [Test]
    public void Deterministic_sampling_agrees_across_replicas_and_keeps_ids_when_the_rate_rises()
    {
        var options = new GroundTruthSamplingOptions { Rate = 0.1, Strategy = SamplingStrategy.DeterministicByRequestId };
        var replicaA = new GroundTruthSampler(options);
        var replicaB = new GroundTruthSampler(options);
        var ids = Enumerable.Range(0, 20_000).Select(i => $"req-{i}").ToArray();
        var sampledA = ids.Where(id => replicaA.ShouldSample(id)).ToHashSet();
        var sampledB = ids.Where(id => replicaB.ShouldSample(id)).ToHashSet();
        Assert.That(sampledA.SetEquals(sampledB), Is.True, "replicas disagree");
        Assert.That(sampledA.Count / 20_000.0, Is.EqualTo(0.1).Within(0.01));

        replicaA.Rate = 0.3; // the runbook: increase the ground-truth sampling rate
        var sampledHigher = ids.Where(id => replicaA.ShouldSample(id)).ToHashSet();
        Assert.That(sampledHigher.IsSupersetOf(sampledA), Is.True);
        Assert.That(sampledHigher.Count / 20_000.0, Is.EqualTo(0.3).Within(0.015));
        Assert.That(sampledA.All(id => RequestIdHash.UnitInterval(id) < 0.1), Is.True, "the label pipeline can recompute the decision");
    }

    [Test]
    public void Bernoulli_sampling_hits_the_rate_and_a_zero_rate_samples_nothing()
    {
        var sampler = new GroundTruthSampler(new GroundTruthSamplingOptions { Rate = 0.25, Strategy = SamplingStrategy.Bernoulli });
        int hits = Enumerable.Range(0, 40_000).Count(_ => sampler.ShouldSample("same-id"));
        Assert.That(hits / 40_000.0, Is.EqualTo(0.25).Within(0.015));
        Assert.That(sampler.SampledCount, Is.EqualTo(hits));
        sampler.Rate = 0;
        Assert.That(Enumerable.Range(0, 1000).Count(_ => sampler.ShouldSample("x")), Is.Zero);
    }

    [Test]
    public void Stratified_sampling_gives_a_rare_class_its_share_of_labels()
    {
        var sampler = new GroundTruthSampler(
            new GroundTruthSamplingOptions { Rate = 0.05, Strategy = SamplingStrategy.DeterministicByRequestId, Stratification = SamplingStratification.PredictedClass },
            strata: 3);
        var perClass = new int[3];
        var rng = new Random(7);
        for (int i = 0; i < 60_000; i++)
        {
            double u = rng.NextDouble();
            int cls = u < 0.90 ? 0 : u < 0.99 ? 1 : 2; // class 2 is 1 % of traffic
            if (sampler.ShouldSample($"id-{i}", cls))
            {
                perClass[cls]++;
            }
        }

        // Equal allocation: about 0.05 * 60,000 / 3 = 1,000 labels each, while plain 5 % would give class 2 only ~30.
        Assert.That(perClass[2], Is.GreaterThan(400));
        Assert.That(perClass[0], Is.InRange(700, 1300));
        Assert.That(perClass.Sum() / 60_000.0, Is.LessThan(0.06));
    }

    [Test]
    public void Bad_rates_fail_fast()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GroundTruthSampler(new GroundTruthSamplingOptions { Rate = 1.5 }));
        var sampler = new GroundTruthSampler();
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Rate = double.NaN);
        Assert.That(sampler.ShouldSample(null), Is.False, "deterministic sampling needs a request id");
    }
}
