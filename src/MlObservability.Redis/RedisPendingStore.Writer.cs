using MlObservability.Quality;
using StackExchange.Redis;

namespace MlObservability.Redis;

/// <content>The bounded write queue and the background writer that drains it in pipelined batches.</content>
public sealed partial class RedisPendingStore
{
    /// <summary>Queues a sampled prediction for writing. Inference thread: no I/O, no lock, no throw.</summary>
    /// <returns><see langword="false"/> when the queue is full or the store disposed (counted as dropped).</returns>
    internal bool TryEnqueue(RedisModelPendingStore store, PendingPrediction prediction)
    {
        Interlocked.Increment(ref _enqueued);
        if (_queue.Writer.TryWrite(new PendingWrite(store, prediction)))
        {
            return true;
        }

        Interlocked.Decrement(ref _enqueued);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var writes = new List<PendingWrite>(Options.BatchSize);
        var tasks = new Task<bool>[Options.BatchSize];
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            writes.Clear();
            while (writes.Count < Options.BatchSize && reader.TryRead(out var write))
            {
                writes.Add(write);
            }

            try
            {
                await WriteBatchAsync(writes, tasks).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // the writer must outlive any failure; what it could not write is kept locally
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Diagnostics.MlObservabilityEventSource.Log.BackgroundFailure(nameof(RedisPendingStore), ex);
            }

            Interlocked.Add(ref _completed, writes.Count);
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> writes, Task<bool>[] tasks)
    {
        if (!_connection.IsConnected)
        {
            KeepLocally(writes, 0, null); // fail fast: no network wait while Redis is down
            return;
        }

        var batch = _connection.GetDatabase().CreateBatch();
        for (int i = 0; i < writes.Count; i++)
        {
            var (store, prediction) = writes[i];
            try
            {
                tasks[i] = batch.StringSetAsync(store.KeyOf(prediction.RequestId), PendingRecordCodec.Encode(prediction), store.TimeToLive, When.NotExists);
            }
#pragma warning disable CA1031 // one unencodable record must not lose the batch
            catch (Exception ex)
#pragma warning restore CA1031
            {
                tasks[i] = Task.FromException<bool>(ex);
            }
        }

        batch.Execute();
        Exception? firstError = null;
        int failed = 0;
        for (int i = 0; i < writes.Count; i++)
        {
            try
            {
                if (await tasks[i].ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _stored);
                }
                else
                {
                    Interlocked.Increment(ref _duplicates); // SET NX: the id is already stored; the first prediction is kept
                }
            }
#pragma warning disable CA1031 // connection, timeout or server errors: the prediction is kept locally and counted
            catch (Exception ex)
#pragma warning restore CA1031
            {
                firstError ??= ex;
                failed++;
                Interlocked.Increment(ref _failed);
                writes[i].Store.KeepLocally(writes[i].Prediction);
            }

            tasks[i] = null!;
        }

        if (firstError is not null)
        {
            RedisStoreEvents.WriteFailed(firstError, failed);
        }
    }

    private void KeepLocally(List<PendingWrite> writes, int from, Exception? error)
    {
        for (int i = from; i < writes.Count; i++)
        {
            Interlocked.Increment(ref _failed);
            writes[i].Store.KeepLocally(writes[i].Prediction);
        }

        RedisStoreEvents.WriteFailed(error, writes.Count - from);
    }
}
