using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// One shard of a <see cref="PendingPredictionStore"/>: the request ids whose hash selects it, under a lock of its own,
/// bounded in entries and bytes (its share of the store's), with its own age order, expiry and memory of forgotten ids.
/// </summary>
/// <remarks>
/// Pending predictions are kept as values in a table of entries linked in age order, with a free list, not as objects:
/// a monitor that samples through the store allocates nothing per sampled prediction once the table has grown to the
/// number pending (it doubles up to <see cref="Capacity"/>, and never shrinks), and a probability vector is copied into
/// the array its entry held before. The <see cref="PendingPrediction"/> a label is joined with is made when it is taken.
/// </remarks>
internal sealed class PendingStoreShard
{
    private const int None = -1;
    private const int InitialEntries = 64;

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, (bool Joined, long Seq)> _forgotten = []; // id hash -> joined (true) or expired/evicted (false)
    private readonly Queue<(ulong Hash, long Seq)> _forgottenOrder = new();
    private Entry[] _entries = [];
    private int _used;              // entries handed out so far (the rest of the table is untouched)
    private int _free = None;       // first free entry, linked through Next
    private int _oldest = None;     // age order: oldest to newest, linked through Next (and Previous)
    private int _newest = None;
    private long _seq;
    private readonly long _ttlTicks;
    private long _bytes;
    private long _expired;
    private long _evicted;
    private long _evictedForBytes;
    private long _duplicatePredictions;

    /// <summary>Creates an empty shard.</summary>
    /// <param name="capacity">Most pending predictions in this shard.</param>
    /// <param name="timeToLive">How long a prediction waits for its label.</param>
    /// <param name="maxBytes">Most estimated bytes in this shard.</param>
    public PendingStoreShard(int capacity, TimeSpan timeToLive, long maxBytes)
    {
        Capacity = capacity;
        MaxBytes = maxBytes;
        _ttlTicks = timeToLive.Ticks;
    }

    /// <summary>Most pending predictions.</summary>
    public int Capacity { get; }

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

    /// <summary>Stores a sampled prediction given by its fields: what the monitor calls, so that nothing is allocated per
    /// prediction once the table has grown (see the remarks).</summary>
    /// <param name="record">The prediction.</param>
    /// <param name="probabilities">Its probability vector, copied; empty when it has none.</param>
    /// <returns>Whether it was stored (false: the id is already pending).</returns>
    public bool TryAdd(in PendingRecord record, ReadOnlySpan<double> probabilities)
    {
        long size = PendingPredictionStore.EntryBytes(record.RequestId) + (probabilities.IsEmpty ? 0 : VectorBytes(probabilities.Length));
        lock (_gate)
        {
            if (_byId.ContainsKey(record.RequestId))
            {
                _duplicatePredictions++;
                return false;
            }

            Unremember(RequestIdHash.Of(record.RequestId));
            if (_byId.Count >= Capacity)
            {
                RemoveLocked(_oldest, joined: false);
                Interlocked.Increment(ref _evicted);
            }

            while (_bytes + size > MaxBytes)
            {
                if (_forgottenOrder.Count > 0)
                {
                    ForgetOldest(); // the memory of old ids gives way before a pending prediction does
                }
                else if (_oldest != None)
                {
                    RemoveLocked(_oldest, joined: false);
                    Interlocked.Increment(ref _evictedForBytes);
                }
                else
                {
                    break; // one entry larger than the whole budget: kept alone (ids are at most MaxRequestIdLength long)
                }
            }

            var index = Allocate();
            ref var entry = ref _entries[index];
            entry.Record = record;
            entry.HasProbabilities = !probabilities.IsEmpty;
            if (entry.HasProbabilities)
            {
                entry.Probabilities = Pooled(entry.Probabilities, probabilities);
            }

            entry.Bytes = size;
            Append(index);
            _byId.Add(record.RequestId, index);
            Interlocked.Add(ref _bytes, size);
            return true;
        }
    }

    /// <summary>Removes and returns the pending prediction of a request id, classifying the label's fate.</summary>
    public GroundTruthOutcome TryTake(string requestId, long nowTicks, out PendingPrediction? prediction)
    {
        prediction = null;
        lock (_gate)
        {
            if (_byId.TryGetValue(requestId, out var index))
            {
                ref var entry = ref _entries[index];
                if (nowTicks - entry.Record.TimestampTicks >= _ttlTicks)
                {
                    RemoveLocked(index, joined: false);
                    Interlocked.Increment(ref _expired);
                    return GroundTruthOutcome.Expired;
                }

                prediction = entry.ToPrediction();
                RemoveLocked(index, joined: true);
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
    public int Sweep(long nowTicks)
    {
        int removed = 0;
        lock (_gate)
        {
            // Insertion order is time order (one clock), so the expired ones are at the front.
            while (_oldest != None && nowTicks - _entries[_oldest].Record.TimestampTicks >= _ttlTicks)
            {
                RemoveLocked(_oldest, joined: false);
                removed++;
            }
        }

        Interlocked.Add(ref _expired, removed);
        return removed;
    }

    private static long VectorBytes(int length) => 24 + (8L * length);

    /// <summary>The vector copied into <paramref name="pooled"/> when it has the same length, else into a new array.</summary>
    private static double[] Pooled(double[]? pooled, ReadOnlySpan<double> vector)
    {
        var array = pooled is not null && pooled.Length == vector.Length ? pooled : new double[vector.Length];
        vector.CopyTo(array);
        return array;
    }

    /// <summary>A free entry: from the free list, else the next untouched one, else the table doubled (up to
    /// <see cref="Capacity"/> entries, the most pending at once).</summary>
    private int Allocate()
    {
        if (_free != None)
        {
            var index = _free;
            _free = _entries[index].Next;
            return index;
        }

        if (_used == _entries.Length)
        {
            Array.Resize(ref _entries, (int)Math.Min(Capacity, Math.Max(InitialEntries, 2L * _entries.Length)));
        }

        return _used++;
    }

    private void Append(int index)
    {
        ref var entry = ref _entries[index];
        entry.Previous = _newest;
        entry.Next = None;
        if (_newest == None)
        {
            _oldest = index;
        }
        else
        {
            _entries[_newest].Next = index;
        }

        _newest = index;
    }

    private void RemoveLocked(int index, bool joined)
    {
        ref var entry = ref _entries[index];
        if (entry.Previous == None)
        {
            _oldest = entry.Next;
        }
        else
        {
            _entries[entry.Previous].Next = entry.Next;
        }

        if (entry.Next == None)
        {
            _newest = entry.Previous;
        }
        else
        {
            _entries[entry.Next].Previous = entry.Previous;
        }

        string id = entry.Record.RequestId;
        _byId.Remove(id);
        Interlocked.Add(ref _bytes, -entry.Bytes);
        entry.Record = default; // the strings go; the probability array stays for the next prediction of this entry
        entry.Previous = None;
        entry.Next = _free;
        _free = index;

        ulong hash = RequestIdHash.Hash64(id);
        long seq = ++_seq;
        _forgotten[hash] = (joined, seq);
        _forgottenOrder.Enqueue((hash, seq));
        Interlocked.Add(ref _bytes, PendingPredictionStore.ForgottenEntryBytes);

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

        Interlocked.Add(ref _bytes, -PendingPredictionStore.ForgottenEntryBytes);
    }

    /// <summary>An id pending again is no longer "forgotten"; its queue slot stays (counted) until it reaches the front.</summary>
    private void Unremember(ulong hash)
    {
        _forgotten.Remove(hash);
    }

    /// <summary>One pending prediction in the table, linked in age order (or in the free list through
    /// <see cref="Next"/>).</summary>
    private struct Entry
    {
        public PendingRecord Record;
        public double[]? Probabilities; // kept when the entry is freed, for the next vector of the same length
        public bool HasProbabilities;
        public long Bytes;
        public int Previous;
        public int Next;

        public readonly PendingPrediction ToPrediction() => new(
            Record.RequestId, Record.Kind, Record.PredictedClass, Record.Confidence, Record.PredictedValue, Record.SegmentIndex,
            Record.TimestampTicks, Record.PredictedLabel, Record.Segment, Record.ModelVersion)
        {
            Probabilities = HasProbabilities ? [.. Probabilities!] : null,
            IsLocal = Record.IsLocal,
        };
    }
}
