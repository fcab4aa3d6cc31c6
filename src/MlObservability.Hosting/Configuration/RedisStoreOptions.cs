namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Settings of the Redis pending store (<c>MlMonitoring:Quality:Redis</c>), read by <c>AddRedisPendingStore()</c> of the
/// <c>MlObservability.Redis</c> package; an unset value takes the store's default. The connection is, in this order:
/// <see cref="ConnectionString"/>; else the <c>IConnectionMultiplexer</c> named by <see cref="ConnectionName"/>;
/// else an <c>IConnectionMultiplexer</c> registered in the container. Checked at startup when a model uses the store.
/// </summary>
public sealed class RedisStoreOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port[,password=...][,ssl=true]</c>); the store opens
    /// its own connection. Never logged. Prefer an environment variable or a secret store when it holds a password.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name of a connection the application already has: the <c>IConnectionMultiplexer</c> registered under
    /// this key (Aspire's <c>AddKeyedRedisClient(name)</c>), else the one registered without a key (<c>AddRedisClient(name)</c>),
    /// else a connection of the store's own to <c>ConnectionStrings:{name}</c>.</summary>
    public string? ConnectionName { get; set; }

    /// <summary>Prefix of every key (<c>{prefix}{model}:{request id}</c>); one per fleet. Default <c>mlobs:pending:</c>.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>Redis time-to-live of a record. Default: the model's <see cref="ModelQualityOptions.PendingTimeToLive"/>.</summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>Sampled predictions waiting in process to be written, all models together; past it a prediction is
    /// counted as <c>dropped</c> and kept in the replica's local store. Default 10,000.</summary>
    public int? QueueCapacity { get; set; }

    /// <summary>Writes per pipelined batch, and label lookups per batch. Default 256.</summary>
    public int? BatchSize { get; set; }

    /// <summary>How long a label's lookup waits for Redis before the local store answers. Default 2 seconds.</summary>
    public TimeSpan? OperationTimeout { get; set; }
}
