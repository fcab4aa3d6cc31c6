using System.Threading.Channels;
using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// A bounded in-memory queue of sampled predictions; read them from <see cref="Reader"/> (for example in a hosted service
/// that posts them to a labelling tool). When full, new predictions are dropped and counted, never blocking the caller.
/// </summary>
public sealed class ChannelReviewSink : IReviewSink
{
    private readonly Channel<SampledPrediction> _channel;
    private long _dropped;
    private long _enqueued;

    /// <summary>Creates a queue holding at most <paramref name="capacity"/> predictions.</summary>
    /// <param name="capacity">Capacity, 1 to 10,000,000.</param>
    public ChannelReviewSink(int capacity = 10_000)
    {
        Capacity = Guard.InRange(capacity, 1, 10_000_000);
        _channel = Channel.CreateBounded<SampledPrediction>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse when full, so drops are counted here
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>The capacity.</summary>
    public int Capacity { get; }

    /// <summary>Where the sampled predictions are read.</summary>
    public ChannelReader<SampledPrediction> Reader => _channel.Reader;

    /// <summary>Predictions accepted.</summary>
    public long EnqueuedCount => Interlocked.Read(ref _enqueued);

    /// <summary>Predictions dropped because the queue was full or completed.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <inheritdoc/>
    public bool TryEnqueue(SampledPrediction prediction)
    {
        if (prediction is not null && _channel.Writer.TryWrite(prediction))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Marks the queue complete: readers finish after draining it; later predictions are dropped.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
