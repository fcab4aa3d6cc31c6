using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// Sampled predictions waiting for their late labels: bounded in entries and in bytes (the oldest is evicted when either
/// is reached), time-to-live expiry, safe for concurrent use. Remembers, in bounded memory, the ids it recently joined,
/// expired or evicted so a late or repeated label is classified (<see cref="GroundTruthOutcome.Expired"/>,
/// <see cref="GroundTruthOutcome.Duplicate"/>) rather than reported as unknown; it remembers them by their 64-bit
/// <see cref="RequestIdHash.Hash64"/>, never by the id string, so each id is held once, while it is pending (a collision
/// would misclassify one unknown id, with probability about n / 2^64). This is the default
/// <see cref="IPendingPredictionStore"/>; it is also the local fallback of a shared store.
/// </summary>
/// <remarks>
/// <para>
/// A large store is split into shards by the request id's hash, each with a lock of its own and an equal share of
/// <see cref="Capacity"/> and <see cref="MaxBytes"/>, so that threads sampling at once rarely take the same lock (issue
/// 16: on two threads, one lock held the 2-thread scaling of a sampled classification near 1.3x). Shards: twice the
/// processor count rounded up to a power of two, at most 16, halved until each holds at least
/// <see cref="MinShardCapacity"/> entries and <see cref="MinShardBytes"/> bytes; so a store of fewer than 8,192 entries
/// or 2 MiB is one shard and behaves exactly as one table. In a sharded store a full shard evicts its own oldest entry,
/// which can be younger than the oldest of another shard; the totals never pass <see cref="Capacity"/> or
/// <see cref="MaxBytes"/>.
/// </para>
/// <para>
/// Pending predictions are kept as values in tables of entries linked in age order, with free lists, not as objects:
/// a monitor that samples through this store allocates nothing per sampled prediction once the tables have grown to the
/// number pending, and a probability vector is copied into the array its entry held before. The
/// <see cref="PendingPrediction"/> a label is joined with is made when it is taken.
/// </para>
/// </remarks>
public sealed class PendingPredictionStore : IPendingPredictionStore
{
    /// <summary>Estimated bytes of one pending entry besides its id's characters: its table entry (96), its dictionary
    /// entry (24), the id string's header (24), and a share of the table's spare room (it grows by doubling).</summary>
    internal const int EntryOverheadBytes = 64 + 48 + 24 + 24;

    /// <summary>Estimated bytes of one remembered (forgotten) id: a hash-keyed dictionary entry and a queue slot.</summary>
    internal const int ForgottenEntryBytes = 32 + 16;

    /// <summary>The fewest entries a shard holds: a store with less capacity per shard has fewer shards.</summary>
    internal const int MinShardCapacity = 4_096;

    /// <summary>The fewest bytes a shard may hold: a store with less per shard has fewer shards.</summary>
    internal const long MinShardBytes = 1L << 20;

    private const int MaxShards = 16;

    private readonly PendingStoreShard[] _shards;
    private readonly int _shardMask;

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">Most pending predictions (1 to 10,000,000).</param>
    /// <param name="timeToLive">How long a prediction waits for its label.</param>
    /// <param name="maxBytes">Most estimated bytes (at least 64 KiB).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is out of range.</exception>
    public PendingPredictionStore(int capacity, TimeSpan timeToLive, long maxBytes = QualityMonitorOptions.DefaultPendingMaxBytes)
        : this(capacity, timeToLive, maxBytes, ShardsFor(capacity, maxBytes, Environment.ProcessorCount))
    {
    }

    /// <summary>A store split into a given number of shards (a power of two; tests use it to shard on any machine).</summary>
    internal PendingPredictionStore(int capacity, TimeSpan timeToLive, long maxBytes, int shards)
    {
        Capacity = Guard.InRange(capacity, 1, 10_000_000);
        TimeToLive = Guard.Positive(timeToLive);
        MaxBytes = maxBytes >= QualityMonitorOptions.MinPendingMaxBytes ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "At least 64 KiB.");
        if (shards < 1 || !System.Numerics.BitOperations.IsPow2(shards) || shards > capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(shards), shards, "A power of two, at most the capacity.");
        }

        _shards = new PendingStoreShard[shards];
        _shardMask = shards - 1;
        for (int i = 0; i < shards; i++)
        {
            // The capacity's remainder goes to the first shards, so the shares add up to the capacity exactly.
            int share = (capacity / shards) + (i < capacity % shards ? 1 : 0);
            _shards[i] = new PendingStoreShard(share, timeToLive, maxBytes / shards);
        }
    }

    /// <summary>Most pending predictions.</summary>
    public int Capacity { get; }

    /// <inheritdoc/>
    public TimeSpan TimeToLive { get; }

    /// <summary>The most bytes (estimated) that pending entries and remembered ids may take.</summary>
    public long MaxBytes { get; }

    /// <summary>Shards the store is split into (1 for a store below the sizes in the remarks).</summary>
    public int ShardCount => _shards.Length;

    /// <summary>Predictions pending now.</summary>
    public int Count => (int)Sum(static s => s.Count);

    /// <summary>Estimated bytes held now: pending entries with their ids, and remembered id hashes.</summary>
    public long Bytes => Sum(static s => s.Bytes);

    /// <summary>Pending predictions dropped because their time-to-live passed.</summary>
    public long ExpiredCount => Sum(static s => s.ExpiredCount);

    /// <summary>Pending predictions dropped because their shard of the store was full (<see cref="Capacity"/> entries in
    /// a store of one shard).</summary>
    public long EvictedCount => Sum(static s => s.EvictedCount);

    /// <summary>Pending predictions dropped because their shard of the store held its share of <see cref="MaxBytes"/>.</summary>
    public long EvictedForBytesCount => Sum(static s => s.EvictedForBytesCount);

    /// <summary>Predictions not stored because their request id was already pending.</summary>
    public long DuplicatePredictionCount => Sum(static s => s.DuplicatePredictionCount);

    /// <summary>Estimated bytes of one pending entry with this id.</summary>
    internal static long EntryBytes(string requestId) => EntryOverheadBytes + (2L * requestId.Length);

    /// <summary>The number of shards for a store of this size on this many processors (see the remarks).</summary>
    internal static int ShardsFor(int capacity, long maxBytes, int processors)
    {
        int shards = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(2 * processors, 1, MaxShards));
        while (shards > 1 && (capacity / shards < MinShardCapacity || maxBytes / shards < MinShardBytes))
        {
            shards /= 2;
        }

        return shards;
    }

    /// <inheritdoc/>
    public bool TryAdd(PendingPrediction prediction)
    {
        Guard.NotNull(prediction);
        var record = new PendingRecord(prediction.RequestId, prediction.Kind, prediction.PredictedClass, prediction.Confidence, prediction.PredictedValue,
            prediction.SegmentIndex, prediction.TimestampTicks, prediction.PredictedLabel, prediction.Segment, prediction.ModelVersion, prediction.IsLocal);
        return TryAdd(in record, prediction.Probabilities);
    }

    /// <summary>Stores a sampled prediction given by its fields: what the monitor calls, so that nothing is allocated per
    /// prediction once the table has grown (see the remarks).</summary>
    /// <param name="record">The prediction.</param>
    /// <param name="probabilities">Its probability vector, copied; empty when it has none.</param>
    /// <returns>Whether it was stored (false: the id is already pending).</returns>
    internal bool TryAdd(in PendingRecord record, ReadOnlySpan<double> probabilities) =>
        ShardOf(record.RequestId).TryAdd(in record, probabilities);

    /// <inheritdoc/>
    public GroundTruthOutcome TryTake(string requestId, DateTimeOffset now, out PendingPrediction? prediction) => TryTake(requestId, now.UtcTicks, out prediction);

    /// <inheritdoc/>
    public ValueTask TakeManyAsync(IReadOnlyList<string> requestIds, DateTimeOffset now, GroundTruthOutcome[] outcomes, PendingPrediction?[] predictions, CancellationToken cancellationToken)
    {
        Guard.NotNull(requestIds);
        for (int i = 0; i < requestIds.Count; i++)
        {
            outcomes[i] = TryTake(requestIds[i], now.UtcTicks, out predictions[i]);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public int Sweep(DateTimeOffset now) => Sweep(now.UtcTicks);

    /// <summary>Removes and returns the pending prediction of a request id, classifying the label's fate.</summary>
    internal GroundTruthOutcome TryTake(string requestId, long nowTicks, out PendingPrediction? prediction) =>
        ShardOf(requestId).TryTake(requestId, nowTicks, out prediction);

    /// <summary>Drops every prediction whose time-to-live has passed; returns how many.</summary>
    internal int Sweep(long nowTicks)
    {
        int removed = 0;
        foreach (var shard in _shards)
        {
            removed += shard.Sweep(nowTicks);
        }

        return removed;
    }

    /// <summary>The shard of an id, by the low bits of its hash (the sampler's decision uses the high bits; the hash of
    /// the id this thread hashed last is remembered, so a sampled id is not hashed twice).</summary>
    private PendingStoreShard ShardOf(string requestId) =>
        _shardMask == 0 ? _shards[0] : _shards[(int)RequestIdHash.Of(requestId) & _shardMask];

    private long Sum(Func<PendingStoreShard, long> read)
    {
        long total = 0;
        foreach (var shard in _shards)
        {
            total += read(shard);
        }

        return total;
    }
}
