using System.Threading.Channels;
using MlObservability.Diagnostics;
using MlObservability.Quality;
using StackExchange.Redis;

namespace MlObservability.Redis;

/// <summary>
/// A pending-prediction store shared by the replicas of a fleet, on Redis: a label joins on whichever replica receives
/// it, and predictions survive a restart, a deploy or a scale-in. Set it as
/// <see cref="QualityMonitorOptions.PendingStore"/>; one instance serves every model of the process.
/// </summary>
/// <remarks>
/// The inference thread never waits on the network: a sampled prediction goes into a bounded in-process queue that a
/// background writer drains in pipelined batches (<c>SET key value PX ttl NX</c>). A full queue, or a write that fails
/// because Redis is unreachable, is counted (<c>ml.quality.pending.store{outcome="dropped"|"failed"}</c>) and the
/// prediction is kept in the monitor's local in-process store instead, where a label arriving at this replica still
/// joins. A label takes the record with one atomic script that replaces it with a joined marker (same expiry), so of two
/// replicas receiving the same label exactly one gets <see cref="GroundTruthOutcome.Joined"/> and the other
/// <see cref="GroundTruthOutcome.Duplicate"/>. The connection reconnects by itself.
/// </remarks>
public sealed partial class RedisPendingStore : IPendingPredictionStoreFactory, IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _writer;
    private long _stored;
    private long _dropped;
    private long _failed;
    private long _duplicates;
    private long _lookupFailures;
    private long _enqueued;
    private long _completed;
    private int _disposed;

    /// <summary>Connects to Redis with <see cref="RedisPendingStoreOptions.ConnectionString"/>. Returns once the first
    /// connection attempt ends, connected or not: an unreachable Redis is retried in the background, never fatal.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message says which, never the connection string's text.</exception>
    public RedisPendingStore(RedisPendingStoreOptions options)
        : this(Connect(options), options, ownsConnection: true)
    {
    }

    /// <summary>Uses a multiplexer the application already has (for example from DI or Aspire's Redis integration); it is
    /// not disposed with the store. Configure it with <c>abortConnect=false</c> so it reconnects by itself.</summary>
    /// <param name="connection">The multiplexer.</param>
    /// <param name="options">The settings (<see cref="RedisPendingStoreOptions.ConnectionString"/> is ignored); defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public RedisPendingStore(IConnectionMultiplexer connection, RedisPendingStoreOptions? options = null)
        : this(Guard.NotNull(connection), Validated(options ?? new RedisPendingStoreOptions(), hasMultiplexer: true), ownsConnection: false)
    {
    }

    private RedisPendingStore(IConnectionMultiplexer connection, RedisPendingStoreOptions options, bool ownsConnection)
    {
        Options = options;
        _connection = connection;
        _ownsConnection = ownsConnection;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then returns false instead of waiting: counted as dropped
        });
        RedisPendingInstruments.Live.Add(this);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The settings.</summary>
    public RedisPendingStoreOptions Options { get; }

    /// <summary>The connection in use.</summary>
    public IConnectionMultiplexer Connection => _connection;

    /// <summary>Whether the connection is up now.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Predictions written to Redis.</summary>
    public long StoredCount => Interlocked.Read(ref _stored);

    /// <summary>Predictions not queued because the write queue was full (kept in the local store).</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Predictions whose write failed, Redis being unreachable or slow (kept in the local store).</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>Predictions not written because their request id was already stored (the first one is kept).</summary>
    public long DuplicateCount => Interlocked.Read(ref _duplicates);

    /// <summary>Label lookups that could not reach Redis (answered by the local store).</summary>
    public long LookupFailedCount => Interlocked.Read(ref _lookupFailures);

    /// <summary>Predictions waiting in process to be written now.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <inheritdoc/>
    public IPendingPredictionStore Create(string modelName, string modelVersion, QualityMonitorOptions options)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        Guard.NotNull(options);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var local = new PendingPredictionStore(options.PendingCapacity, options.PendingTimeToLive, options.PendingMaxBytes);
        return new RedisModelPendingStore(this, modelName, Options.TimeToLive ?? options.PendingTimeToLive, local);
    }

    /// <summary>Checks that Redis answers (a PING), for a health check. Never throws for an unreachable Redis.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Reachability, latency and the write backlog.</returns>
    public async Task<RedisPendingStoreProbe> ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await _connection.GetDatabase().PingAsync().WaitAsync(Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            return new RedisPendingStoreProbe(true, latency, null, QueueLength);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return new RedisPendingStoreProbe(false, TimeSpan.Zero, ex.GetType().Name + ": " + ex.Message, QueueLength);
        }
    }

    /// <summary>Waits until every prediction queued before the call is written (or failed and kept locally); for an
    /// orderly shutdown and for tests.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when they are.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        long target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _completed) < target && !_writer.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the writer after it has written what is queued, and closes the connection it opened.</summary>
    /// <returns>A task that completes when it is done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        RedisPendingInstruments.Live.Remove(this);
        if (_ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the writer after it has written what is queued, and closes the connection it opened.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal IDatabase Database => _connection.GetDatabase();

    internal void CountLookupFailure(Exception? error)
    {
        Interlocked.Increment(ref _lookupFailures);
        if (error is not null)
        {
            RedisStoreEvents.LookupFailed(error);
        }
    }

    private static RedisPendingStoreOptions Validated(RedisPendingStoreOptions options, bool hasMultiplexer)
    {
        Guard.NotNull(options);
        if (!hasMultiplexer)
        {
            options.ValidateConnectionString();
        }

        options.Validate();
        return options;
    }

    private static ConnectionMultiplexer Connect(RedisPendingStoreOptions options)
    {
        var configuration = Validated(options, hasMultiplexer: false).ToConfiguration();
        return ConnectionMultiplexer.Connect(configuration);
    }
}
