using MlObservability.Challengers;
using MlObservability.Quality;

namespace MlObservability.Tests.Challengers;

public sealed class ShadowSamplingTests
{
    private const int Requests = 200_000;

    [TestCase(ShadowSampling.DeterministicByRequestId, 0.05)]
    [TestCase(ShadowSampling.DeterministicByRequestId, 0.2)]
    [TestCase(ShadowSampling.Random, 0.05)]
    [TestCase(ShadowSampling.Random, 0.5)]
    public void ShareIsRespectedWithinSamplingError(ShadowSampling sampling, double share)
    {
        using var shadow = Create(new ShadowOptions { Share = share, Sampling = sampling });
        int selected = 0;
        for (int i = 0; i < Requests; i++)
        {
            selected += shadow.IsSelected("req-" + i) ? 1 : 0;
        }

        // Binomial(n, share): 5 standard deviations (a false failure once in 1.7 million runs for the random mode; the
        // deterministic mode gives the same count on every run).
        double sd = Math.Sqrt(Requests * share * (1 - share));
        Assert.That(selected, Is.EqualTo(Requests * share).Within(5 * sd));
    }

    [Test]
    public void DeterministicSamplingFollowsTheRequestIdHashOfGroundTruthSampling()
    {
        using var shadow = Create(new ShadowOptions { Share = 0.1 });
        for (int i = 0; i < 10_000; i++)
        {
            string id = "order-" + i;
            Assert.That(shadow.IsSelected(id), Is.EqualTo(RequestIdHash.UnitInterval(id) < 0.1), id);
        }
    }

    [Test]
    public void ZeroAndOneShadowNothingAndEverything()
    {
        using var shadow = Create(new ShadowOptions { Share = 0 });
        Assert.That(Enumerable.Range(0, 1000).Any(i => shadow.IsSelected("r" + i)), Is.False);
        shadow.Share = 1;
        Assert.That(Enumerable.Range(0, 1000).All(i => shadow.IsSelected("r" + i) && shadow.IsSelected(null)), Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => shadow.Share = 1.5);
    }

    [Test]
    public void InvalidSettingsFailWithTheSettingsName()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(new ShadowOptions { Share = 2 }));
        Assert.That(error!.Message, Does.Contain("Share"));
        error = Assert.Throws<ArgumentException>(() => Create(new ShadowOptions { QueueCapacity = 1 }));
        Assert.That(error!.Message, Does.Contain("QueueCapacity"));
        error = Assert.Throws<ArgumentException>(() => new ChallengerShadow<int>("m", "1", "1", _ => default, null, null, null, startWorker: false));
        Assert.That(error!.Message, Does.Contain("must differ"));
    }

    private static ChallengerShadow<int> Create(ShadowOptions options) =>
        new("sampling-model", "1", "2", x => new ShadowPrediction(x, 1), options, null, null, startWorker: false);
}
