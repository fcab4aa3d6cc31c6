using StackExchange.Redis;

namespace MlObservability.Redis;

/// <summary>Settings of a <see cref="RedisPendingStore"/>; validated when it is built, with a message that says what to fix
/// (and never the connection string's text, which may hold a password).</summary>
public sealed class RedisPendingStoreOptions
{
    /// <summary>Default of <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "mlobs:pending:";

    /// <summary>
    /// The StackExchange.Redis configuration string (<c>host:port[,password=...][,ssl=true][,sslHost=...]</c>); not needed
    /// when the store is given an <see cref="IConnectionMultiplexer"/>. TLS settings in it are passed through; the store
    /// adds <c>abortConnect=false</c> (start and reconnect in the background) and fails commands fast while disconnected.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key; a key is <c>{prefix}{model name}:{request id}</c> and holds no feature values.
    /// Default <c>mlobs:pending:</c>. Share it across the replicas of one fleet; give other fleets on the same Redis their own.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>Time-to-live of a stored prediction; the monitor's <c>PendingTimeToLive</c> when <see langword="null"/> (default).</summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>Sampled predictions waiting in process to be written (all models); past it a prediction is dropped from the
    /// write queue, counted (<c>ml.quality.pending.store{outcome="dropped"}</c>) and kept in the local store. Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most predictions written in one pipelined batch, and labels looked up in one batch. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How long a label's lookup may wait for Redis before the local fallback answers. Default 2 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Further connection settings (certificate selection or validation callbacks, client name), applied after
    /// <see cref="ConnectionString"/> is parsed; not used with a given multiplexer.</summary>
    public Action<ConfigurationOptions>? ConfigureConnection { get; set; }

    /// <summary>Checks that a connection string is given (when no multiplexer is).</summary>
    /// <exception cref="ArgumentException">It is missing.</exception>
    internal void ValidateConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException($"{nameof(RedisPendingStoreOptions)}.{nameof(ConnectionString)} is required (e.g. \"localhost:6379\") unless an IConnectionMultiplexer is given.", nameof(ConnectionString));
        }
    }

    /// <summary>Checks every other setting; throws with a message naming the setting and what is expected.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    internal void Validate()
    {
        if (Problems().FirstOrDefault() is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>Every invalid setting other than the connection string, each as the exception <see cref="Validate"/> would throw.</summary>
    internal IEnumerable<ArgumentException> Problems()
    {
        if (string.IsNullOrEmpty(KeyPrefix) || KeyPrefix.Length > 128 || KeyPrefix.Any(char.IsWhiteSpace))
        {
            yield return new ArgumentException($"{nameof(RedisPendingStoreOptions)}.{nameof(KeyPrefix)} must be 1 to 128 characters without white space (e.g. \"{DefaultKeyPrefix}\").", nameof(KeyPrefix));
        }

        if (TimeToLive is { } ttl && (ttl < TimeSpan.FromSeconds(1) || ttl > TimeSpan.FromDays(365)))
        {
            yield return new ArgumentOutOfRangeException(nameof(TimeToLive), ttl, $"{nameof(RedisPendingStoreOptions)}.{nameof(TimeToLive)} must be between 1 second and 365 days, or unset to use the monitor's PendingTimeToLive.");
        }

        if (QueueCapacity is < 1 or > 10_000_000)
        {
            yield return new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, $"{nameof(RedisPendingStoreOptions)}.{nameof(QueueCapacity)} must be between 1 and 10,000,000.");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            yield return new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(RedisPendingStoreOptions)}.{nameof(BatchSize)} must be between 1 and 100,000.");
        }

        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ArgumentOutOfRangeException(nameof(OperationTimeout), OperationTimeout, $"{nameof(RedisPendingStoreOptions)}.{nameof(OperationTimeout)} must be positive and at most 5 minutes.");
        }
    }

    /// <summary>Parses <see cref="ConnectionString"/> into connection settings; the message of a failure never repeats its text.</summary>
    internal ConfigurationOptions ToConfiguration()
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(ConnectionString!);
        }
#pragma warning disable CA1031 // rethrown without the original message, which may quote the password
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new ArgumentException($"{nameof(RedisPendingStoreOptions)}.{nameof(ConnectionString)} is not a valid StackExchange.Redis configuration string " +
                $"(host:port[,option=value...]; {ex.GetType().Name}). Its text is not shown because it may hold a password.", nameof(ConnectionString));
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw new ArgumentException($"{nameof(RedisPendingStoreOptions)}.{nameof(ConnectionString)} names no endpoint (expected host:port first, e.g. \"redis:6379,password=...\").", nameof(ConnectionString));
        }

        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.SyncTimeout = (int)Math.Min(int.MaxValue, OperationTimeout.TotalMilliseconds);
        configuration.AsyncTimeout = configuration.SyncTimeout;
        ConfigureConnection?.Invoke(configuration);
        return configuration;
    }
}
