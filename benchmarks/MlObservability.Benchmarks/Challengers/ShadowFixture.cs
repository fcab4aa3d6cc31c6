using MlObservability.Challengers;
using MlObservability.Quality;
using MlObservability.Routing;

namespace MlObservability.Benchmarks.Challengers;

/// <summary>
/// What the shadow benchmarks share: a model router with one version, a shadow whose sampling decision says no to
/// every request id here (unshadowed) and one whose decision says yes (shadowed), the ground-truth sampler a monitored
/// model runs on the same requests (10 % by request id), and <see cref="Ids"/> distinct request-id strings in UUID
/// form. Each call takes the next id, so every decision hashes an id no part has hashed on that thread before, as on
/// a real request, unless the benchmark hashes it first on purpose.
/// </summary>
internal sealed class ShadowFixture : IDisposable
{
    /// <summary>Distinct request ids, a power of two.</summary>
    public const int Ids = 4_096;

    private const double UnshadowedShare = 0.000001;
    private const double ShadowedShare = 0.999;
    private int _next;

    public ShadowFixture(string name, int shadowedQueueCapacity)
    {
        Router = new ModelRouter<object>($"{name}-router");
        Router.AddVersion("1", new object());
        Unshadowed = new ChallengerShadow<float[]>(name, "1", "2", _ => new ShadowPrediction(0, 1), new ShadowOptions { Share = UnshadowedShare });
        Shadowed = new ChallengerShadow<float[]>(name, "1", "3", _ => new ShadowPrediction(0, 1),
            new ShadowOptions { Share = ShadowedShare, QueueCapacity = shadowedQueueCapacity, PollInterval = TimeSpan.FromMilliseconds(1) });
        Sampler = new GroundTruthSampler(new GroundTruthSamplingOptions { Rate = 0.1, Strategy = SamplingStrategy.DeterministicByRequestId });

        // Ids on which both shadows decide as their names say, checked through the public definition of the hash.
        var random = new Random(42);
        var ids = new List<string>(Ids);
        while (ids.Count < Ids)
        {
            var id = new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]).ToString();
            var u = RequestIdHash.UnitInterval(id);
            if (u >= UnshadowedShare && u < ShadowedShare)
            {
                ids.Add(id);
            }
        }

        RequestIds = [.. ids];
    }

    public ModelRouter<object> Router { get; }

    public ChallengerShadow<float[]> Unshadowed { get; }

    public ChallengerShadow<float[]> Shadowed { get; }

    public GroundTruthSampler Sampler { get; }

    public string[] RequestIds { get; }

    public float[] Row { get; } = new float[13];

    /// <summary>The next request id (round robin over <see cref="Ids"/>).</summary>
    public string NextId()
    {
        _next = (_next + 1) & (Ids - 1);
        return RequestIds[_next];
    }

    public void Dispose()
    {
        Shadowed.Dispose();
        Unshadowed.Dispose();
        Router.Dispose();
    }
}
