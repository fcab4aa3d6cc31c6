using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// Sampled predictions waiting for their late labels: bounded in entries and in bytes (the oldest is evicted when either
/// is reached), time-to-live expiry, safe for concurrent use. Remembers, in bounded memory, the ids it recently joined,
/// expired or evicted so a late or repeated label is classified (<see cref="GroundTruthOutcome.Expired"/>,
/// <see cref="GroundTruthOutcome.Duplicate"/>) rather than reported as unknown; it remembers them by their 64-bit
/// <see cref="RequestIdHash.Hash64"/>, never by the id string, so each id is held once, while it is pending (a collision
/// would misclassify one unknown id, with probability about n / 2^64). Only sampled predictions reach it, so a lock is
/// cheap here. This is the default <see cref="IPendingPredictionStore"/>; it is also the local fallback of a shared store.
/// </summary>
public sealed class PendingPredictionStore : IPendingPredictionStore
{
    /// <summary>Estimated bytes of one pending entry besides its id's characters: the prediction object, its list node,
    /// its dictionary entry and the id string's header (64-bit runtime).</summary>
    internal const int EntryOverheadBytes = 64 + 48 + 24 + 24;

    /// <summary>Estimated bytes of one remembered (forgotten) id: a hash-keyed dictionary entry and a queue slot.</summary>
    internal const int ForgottenEntryBytes = 32 + 16;

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<PendingPrediction>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<PendingPrediction> _byAge = new();
    private readonly Dictionary<ulong, (bool Joined, long Seq)> _forgotten = []; // id hash -> joined (true) or expired/evicted (false)
    private readonly Queue<(ulong Hash, long Seq)> _forgottenOrder = new();
    private long _seq;
    private readonly long _ttlTicks;
    private long _bytes;
    private long _expired;
    private long _evicted;
    private long _evictedForBytes;
    private long _duplicatePredictions;

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">Most pending predictions (1 to 10,000,000).</param>
    /// <param name="timeToLive">How long a prediction waits for its label.</param>
    /// <param name="maxBytes">Most estimated bytes (at least 64 KiB).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is out of range.</exception>
    public PendingPredictionStore(int capacity, TimeSpan timeToLive, long maxBytes = QualityMonitorOptions.DefaultPendingMaxBytes)
    {
        Capacity = Guard.InRange(capacity, 1, 10_000_000);
        TimeToLive = Guard.Positive(timeToLive);
        MaxBytes = maxBytes >= QualityMonitorOptions.MinPendingMaxBytes ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "At least 64 KiB.");
        _ttlTicks = timeToLive.Ticks;
    }

    /// <summary>Most pending predictions.</summary>
    public int Capacity { get; }

    /// <inheritdoc/>
    public TimeSpan TimeToLive { get; }

    /// <summary>The most bytes (estimated) that pending entries and remembered ids may take.</summary>
    public long MaxBytes { get; }

    /// <summary>Predictions pending now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Estimated bytes held now: pending entries with their ids, and remembered id hashes.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Pending predictions dropped because their time-to-live passed.</summary>
    public long ExpiredCount => Interlocked.Read(ref _expired);

    /// <summary>Pending predictions dropped because the store held <see cref="Capacity"/> entries.</summary>
    public long EvictedCount => Interlocked.Read(ref _evicted);

    /// <summary>Pending predictions dropped because the store held <see cref="MaxBytes"/>.</summary>
    public long EvictedForBytesCount => Interlocked.Read(ref _evictedForBytes);

    /// <summary>Predictions not stored because their request id was already pending.</summary>
    public long DuplicatePredictionCount => Interlocked.Read(ref _duplicatePredictions);

    /// <summary>Estimated bytes of one pending entry with this id.</summary>
    internal static long EntryBytes(string requestId) => EntryOverheadBytes + (2L * requestId.Length);

    /// <summary>Estimated bytes of one pending entry: <see cref="EntryBytes(string)"/> plus its probability vector (an
    /// array header and 8 bytes per class).</summary>
    internal static long EntryBytes(PendingPrediction prediction) =>
        EntryBytes(prediction.RequestId) + (prediction.Probabilities is { } vector ? 24 + (8L * vector.Length) : 0);

    /// <inheritdoc/>
    public bool TryAdd(PendingPrediction prediction)
    {
        long size = EntryBytes(prediction);
        lock (_gate)
        {
            if (_byId.ContainsKey(prediction.RequestId))
            {
                _duplicatePredictions++;
                return false;
            }

            Unremember(RequestIdHash.Of(prediction.RequestId));
            if (_byId.Count >= Capacity)
            {
                RemoveLocked(_byAge.First!, joined: false);
                Interlocked.Increment(ref _evicted);
            }

            while (_bytes + size > MaxBytes)
            {
                if (_forgottenOrder.Count > 0)
                {
                    ForgetOldest(); // the memory of old ids gives way before a pending prediction does
                }
                else if (_byAge.First is { } oldest)
                {
                    RemoveLocked(oldest, joined: false);
                    Interlocked.Increment(ref _evictedForBytes);
                }
                else
                {
                    break; // one entry larger than the whole budget: kept alone (ids are at most MaxRequestIdLength long)
                }
            }

            _byId.Add(prediction.RequestId, _byAge.AddLast(prediction));
            Interlocked.Add(ref _bytes, size);
            return true;
        }
    }

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
    internal GroundTruthOutcome TryTake(string requestId, long nowTicks, out PendingPrediction? prediction)
    {
        prediction = null;
        lock (_gate)
        {
            if (_byId.TryGetValue(requestId, out var node))
            {
                if (nowTicks - node.Value.TimestampTicks >= _ttlTicks)
                {
                    RemoveLocked(node, joined: false);
                    Interlocked.Increment(ref _expired);
                    return GroundTruthOutcome.Expired;
                }

                RemoveLocked(node, joined: true);
                prediction = node.Value;
                return GroundTruthOutcome.Joined;
            }

            if (_forgotten.TryGetValue(RequestIdHash.Hash64(requestId), out var remembered))
            {
                return remembered.Joined ? GroundTruthOutcome.Duplicate : GroundTruthOutcome.Expired;
            }

            return GroundTruthOutcome.UnknownId;
        }
    }

    /// <summary>Drops every prediction whose time-to-live has passed; returns how many.</summary>
    internal int Sweep(long nowTicks)
    {
        int removed = 0;
        lock (_gate)
        {
            // Insertion order is time order (one clock), so the expired ones are at the front.
            while (_byAge.First is { } oldest && nowTicks - oldest.Value.TimestampTicks >= _ttlTicks)
            {
                RemoveLocked(oldest, joined: false);
                removed++;
            }
        }

        Interlocked.Add(ref _expired, removed);
        return removed;
    }

    private void RemoveLocked(LinkedListNode<PendingPrediction> node, bool joined)
    {
        string id = node.Value.RequestId;
        _byAge.Remove(node);
        _byId.Remove(id);
        Interlocked.Add(ref _bytes, -EntryBytes(node.Value));
        ulong hash = RequestIdHash.Hash64(id);
        long seq = ++_seq;
        _forgotten[hash] = (joined, seq);
        _forgottenOrder.Enqueue((hash, seq));
        Interlocked.Add(ref _bytes, ForgottenEntryBytes);

        while (_forgottenOrder.Count > Capacity)
        {
            ForgetOldest();
        }
    }

    private void ForgetOldest()
    {
        var (hash, seq) = _forgottenOrder.Dequeue();
        if (_forgotten.TryGetValue(hash, out var remembered) && remembered.Seq == seq)
        {
            _forgotten.Remove(hash); // only the newest memory of an id is the live one
        }

        Interlocked.Add(ref _bytes, -ForgottenEntryBytes);
    }

    /// <summary>An id pending again is no longer "forgotten"; its queue slot stays (counted) until it reaches the front.</summary>
    private void Unremember(ulong hash)
    {
        _forgotten.Remove(hash);
    }
}
