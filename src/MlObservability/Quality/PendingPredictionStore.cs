using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// Sampled predictions waiting for their late labels: bounded capacity (the oldest is evicted when full), time-to-live
/// expiry, safe for concurrent use. Remembers, in bounded memory, the ids it recently joined, expired or evicted so a late
/// or repeated label is classified (<see cref="GroundTruthOutcome.Expired"/>, <see cref="GroundTruthOutcome.Duplicate"/>)
/// rather than reported as unknown. Only sampled predictions reach it, so a lock is cheap here.
/// </summary>
internal sealed class PendingPredictionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<PendingPrediction>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<PendingPrediction> _byAge = new();
    private readonly Dictionary<string, bool> _forgotten = new(StringComparer.Ordinal); // id -> joined (true) or expired/evicted (false)
    private readonly Queue<string> _forgottenOrder = new();
    private readonly long _ttlTicks;
    private long _expired;
    private long _evicted;
    private long _duplicatePredictions;

    public PendingPredictionStore(int capacity, TimeSpan timeToLive)
    {
        Capacity = Guard.InRange(capacity, 1, 10_000_000);
        TimeToLive = Guard.Positive(timeToLive);
        _ttlTicks = timeToLive.Ticks;
    }

    public int Capacity { get; }

    public TimeSpan TimeToLive { get; }

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

    /// <summary>Pending predictions dropped because their time-to-live passed.</summary>
    public long ExpiredCount => Interlocked.Read(ref _expired);

    /// <summary>Pending predictions dropped because the store was full.</summary>
    public long EvictedCount => Interlocked.Read(ref _evicted);

    /// <summary>Predictions not stored because their request id was already pending.</summary>
    public long DuplicatePredictionCount => Interlocked.Read(ref _duplicatePredictions);

    /// <summary>Adds a sampled prediction; returns <see langword="false"/> when its id is already pending (the first one is kept).</summary>
    public bool TryAdd(PendingPrediction prediction)
    {
        lock (_gate)
        {
            if (_byId.ContainsKey(prediction.RequestId))
            {
                _duplicatePredictions++;
                return false;
            }

            _forgotten.Remove(prediction.RequestId);
            if (_byId.Count >= Capacity)
            {
                var oldest = _byAge.First!;
                RemoveLocked(oldest, joined: false);
                Interlocked.Increment(ref _evicted);
            }

            _byId.Add(prediction.RequestId, _byAge.AddLast(prediction));
            return true;
        }
    }

    /// <summary>Removes and returns the pending prediction of a request id, classifying the label's fate.</summary>
    public GroundTruthOutcome TryTake(string requestId, long nowTicks, out PendingPrediction? prediction)
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

            if (_forgotten.TryGetValue(requestId, out bool joined))
            {
                return joined ? GroundTruthOutcome.Duplicate : GroundTruthOutcome.Expired;
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
        _forgotten[id] = joined;
        _forgottenOrder.Enqueue(id);
        while (_forgottenOrder.Count > Capacity)
        {
            string old = _forgottenOrder.Dequeue();
            if (!_byId.ContainsKey(old))
            {
                _forgotten.Remove(old);
            }
        }
    }
}
