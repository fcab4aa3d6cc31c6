using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>The per-thread memo behind <see cref="RequestIdHash.UnitInterval"/>: one request's id is hashed once for
/// every part that needs it, and never answers for a different id.</summary>
public sealed class RequestIdHashMemoTests
{
    [Test]
    public void The_memo_answers_exactly_as_the_hash_for_repeated_alternating_and_equal_content_ids()
    {
        string a = new("6f9619ff-8b86-d011-b42d-00c04fc964ff".AsSpan());
        string b = new("request-b".AsSpan());
        string aCopy = new(a.AsSpan()); // same text, another instance
        var expectedA = RequestIdHash.Hash64(a);
        var expectedB = RequestIdHash.Hash64(b);

        Assert.Multiple(() =>
        {
            Assert.That(RequestIdHash.Of(a), Is.EqualTo(expectedA));
            Assert.That(RequestIdHash.Of(a), Is.EqualTo(expectedA), "remembered");
            Assert.That(RequestIdHash.Of(b), Is.EqualTo(expectedB), "another id replaces it");
            Assert.That(RequestIdHash.Of(aCopy), Is.EqualTo(expectedA), "an equal id in another string");
            Assert.That(RequestIdHash.Of(string.Empty), Is.EqualTo(RequestIdHash.Hash64(string.Empty)));
            Assert.That(RequestIdHash.UnitInterval(a), Is.EqualTo((expectedA >> 11) * (1.0 / (1UL << 53))));
        });
    }

    [Test]
    public void Threads_hashing_different_ids_at_once_never_get_another_threads_hash()
    {
        const int Threads = 4, Ids = 2_000;
        var ids = Enumerable.Range(0, Threads).Select(t => Enumerable.Range(0, Ids).Select(i => $"thread-{t}-request-{i}").ToArray()).ToArray();
        var expected = ids.Select(set => set.Select(id => RequestIdHash.Hash64(id)).ToArray()).ToArray();
        var wrong = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < Ids; i++)
                {
                    // Twice per id, as the sampler and the shadow do on one request.
                    if (RequestIdHash.Of(ids[t][i]) != expected[t][i] || RequestIdHash.Of(ids[t][i]) != expected[t][i])
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        });

        Assert.That(wrong, Is.Zero);
    }
}
