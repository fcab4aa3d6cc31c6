using MlObservability.Quality;
using StackExchange.Redis;

namespace MlObservability.Redis;

/// <summary>
/// The pending store of one model on a <see cref="RedisPendingStore"/>: writes go through the shared queue, labels take
/// records with an atomic script, and an in-process <see cref="PendingPredictionStore"/> keeps what could not be written
/// (and answers while Redis is unreachable).
/// </summary>
internal sealed class RedisModelPendingStore : IPendingPredictionStore
{
    /// <summary>Takes a record atomically: nil when absent, the joined marker when already taken, else the record (which
    /// is replaced by the marker with the same expiry, so a second label is a duplicate, not an unknown id).</summary>
    internal const string TakeScript = """
        local v = redis.call('GET', KEYS[1])
        if not v then return false end
        if v == 'J' then return v end
        redis.call('SET', KEYS[1], 'J', 'KEEPTTL')
        return v
        """;

    private readonly RedisPendingStore _owner;
    private readonly string _keyPrefix;
    private readonly PendingPredictionStore _local;

    public RedisModelPendingStore(RedisPendingStore owner, string modelName, TimeSpan timeToLive, PendingPredictionStore local)
    {
        _owner = owner;
        _keyPrefix = owner.Options.KeyPrefix + modelName + ":";
        TimeToLive = timeToLive;
        _local = local;
    }

    public TimeSpan TimeToLive { get; }

    public int Count => _local.Count;

    public long Bytes => _local.Bytes;

    public long ExpiredCount => _local.ExpiredCount;

    public long EvictedCount => _local.EvictedCount;

    public long EvictedForBytesCount => _local.EvictedForBytesCount;

    /// <summary>The in-process fallback.</summary>
    internal PendingPredictionStore Local => _local;

    public bool TryAdd(PendingPrediction prediction) => _owner.TryEnqueue(this, prediction) || _local.TryAdd(prediction);

    public GroundTruthOutcome TryTake(string requestId, DateTimeOffset now, out PendingPrediction? prediction)
    {
        if (!_owner.IsConnected)
        {
            _owner.CountLookupFailure(null);
            return _local.TryTake(requestId, now, out prediction);
        }

        RedisResult result;
        try
        {
            result = _owner.Database.ScriptEvaluate(TakeScript, [KeyOf(requestId)]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _owner.CountLookupFailure(ex);
            return _local.TryTake(requestId, now, out prediction);
        }

        return Classify(requestId, result, now, out prediction);
    }

    public async ValueTask TakeManyAsync(IReadOnlyList<string> requestIds, DateTimeOffset now, GroundTruthOutcome[] outcomes, PendingPrediction?[] predictions, CancellationToken cancellationToken)
    {
        int batchSize = _owner.Options.BatchSize;
        var tasks = new Task<RedisResult>[Math.Min(batchSize, requestIds.Count)];
        for (int start = 0; start < requestIds.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, requestIds.Count - start);
            if (!_owner.IsConnected)
            {
                for (int i = start; i < start + count; i++)
                {
                    _owner.CountLookupFailure(null);
                    outcomes[i] = _local.TryTake(requestIds[i], now, out predictions[i]);
                }

                continue;
            }

            var batch = _owner.Database.CreateBatch();
            for (int j = 0; j < count; j++)
            {
                tasks[j] = batch.ScriptEvaluateAsync(TakeScript, [KeyOf(requestIds[start + j])]);
            }

            batch.Execute();
            for (int j = 0; j < count; j++)
            {
                int i = start + j;
                try
                {
                    var result = await tasks[j].WaitAsync(cancellationToken).ConfigureAwait(false);
                    outcomes[i] = Classify(requestIds[i], result, now, out predictions[i]);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    _owner.CountLookupFailure(ex);
                    outcomes[i] = _local.TryTake(requestIds[i], now, out predictions[i]);
                }
            }
        }
    }

    public int Sweep(DateTimeOffset now) => _local.Sweep(now); // Redis expires its keys itself

    internal string KeyOf(string requestId) => string.Concat(_keyPrefix, requestId);

    internal void KeepLocally(PendingPrediction prediction) => _local.TryAdd(prediction);

    private GroundTruthOutcome Classify(string requestId, RedisResult result, DateTimeOffset now, out PendingPrediction? prediction)
    {
        prediction = null;
        if (result.IsNull)
        {
            return _local.TryTake(requestId, now, out prediction); // written here but not to Redis, or unknown
        }

        var bytes = (byte[]?)result;
        if (bytes is null || (bytes.Length == 1 && bytes[0] == (byte)'J'))
        {
            return GroundTruthOutcome.Duplicate;
        }

        var taken = PendingRecordCodec.Decode(requestId, bytes);
        if (taken is null)
        {
            return GroundTruthOutcome.UnknownId;
        }

        if (now - taken.Timestamp >= TimeToLive)
        {
            return GroundTruthOutcome.Expired;
        }

        prediction = taken;
        return GroundTruthOutcome.Joined;
    }
}
