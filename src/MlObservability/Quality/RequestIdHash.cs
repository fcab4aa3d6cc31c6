using System.Runtime.CompilerServices;

namespace MlObservability.Quality;

/// <summary>
/// The deterministic hash behind <see cref="SamplingStrategy.DeterministicByRequestId"/>: every replica, and the label
/// pipeline, can tell from a request id alone whether it was sampled. Allocation-free.
/// </summary>
/// <remarks>
/// Definition (reproduce it anywhere): h = FNV-1a 64 over the UTF-8 bytes of the id (offset basis 0xcbf29ce484222325,
/// prime 0x100000001b3; lone surrogates encode as U+FFFD), then the SplitMix64 finaliser
/// (h ^= h &gt;&gt; 30; h *= 0xbf58476d1ce4e5b9; h ^= h &gt;&gt; 27; h *= 0x94d049bb133111eb; h ^= h &gt;&gt; 31),
/// then u = (h &gt;&gt; 11) · 2⁻⁵³. An id is sampled at rate r when u &lt; r, so raising the rate keeps every id sampled before.
/// </remarks>
public static class RequestIdHash
{
    /// <summary>The longest request id (UTF-16 code units) that quality monitoring samples and joins: 256, room for a
    /// W3C trace id (32), a traceparent (55), a UUID (36) or a composite key. A longer id costs the inference thread
    /// nothing: its prediction is counted in every other metric but not sampled, its label is counted invalid, and both
    /// are counted in <c>ml.quality.request_ids.rejected</c>. Longer ids are rejected rather than hashed because hashing
    /// reads the whole id (a 1 MB id took 3.9 ms) and a digest would have to be reproduced by every label pipeline.</summary>
    public const int MaxRequestIdLength = 256;

    [ThreadStatic]
    private static LastHashed? t_last;

    private const ulong OffsetBasis = 0xcbf29ce484222325;
    private const ulong Prime = 0x100000001b3;

    /// <summary>Maps a request id to a number uniform in [0, 1).</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The position of the id in [0, 1); 0 for <see langword="null"/>.</returns>
    public static double UnitInterval(string? requestId) => requestId is null ? 0 : (Of(requestId) >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// <see cref="Hash64"/> of a request id string, remembered for the last id this thread hashed. One request's id is
    /// hashed by several parts on the same thread (ground-truth sampling, the pending-prediction store, the outcome
    /// join, a challenger's shadow decision); the string is the same instance each time, so the later parts pay one
    /// reference compare instead of the 36 dependent multiplies of a UUID. Strings are immutable, so the same reference
    /// always has the same hash; the thread holds one reference to the last id until it hashes another.
    /// </summary>
    internal static ulong Of(string requestId)
    {
        var last = t_last ??= new LastHashed();
        if (ReferenceEquals(last.Id, requestId))
        {
            return last.Hash;
        }

        var hash = Hash64(requestId);
        last.Hash = hash;
        last.Id = requestId;
        return hash;
    }

    /// <summary>The 64-bit hash of a request id (FNV-1a over UTF-8, SplitMix64 finaliser).</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The hash.</returns>
    public static ulong Hash64(ReadOnlySpan<char> requestId)
    {
        ulong h = OffsetBasis;
        for (int i = 0; i < requestId.Length; i++)
        {
            int c = requestId[i];
            if (c < 0x80)
            {
                h = Step(h, c);
            }
            else if (c < 0x800)
            {
                h = Step(Step(h, 0xC0 | (c >> 6)), 0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate((char)c) && i + 1 < requestId.Length && char.IsLowSurrogate(requestId[i + 1]))
            {
                int cp = char.ConvertToUtf32((char)c, requestId[++i]);
                h = Step(Step(Step(Step(h, 0xF0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3F)), 0x80 | ((cp >> 6) & 0x3F)), 0x80 | (cp & 0x3F));
            }
            else
            {
                if (char.IsSurrogate((char)c))
                {
                    c = 0xFFFD;
                }

                h = Step(Step(Step(h, 0xE0 | (c >> 12)), 0x80 | ((c >> 6) & 0x3F)), 0x80 | (c & 0x3F));
            }
        }

        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9;
        h ^= h >> 27;
        h *= 0x94d049bb133111eb;
        h ^= h >> 31;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong h, int b) => (h ^ (uint)b) * Prime;

    /// <summary>The last id a thread hashed and its hash (one object per thread, so one thread-static read).</summary>
    private sealed class LastHashed
    {
        public string? Id;
        public ulong Hash;
    }
}
