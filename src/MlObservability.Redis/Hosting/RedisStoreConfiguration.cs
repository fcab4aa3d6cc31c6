using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlObservability.Hosting.Configuration;
using StackExchange.Redis;

namespace MlObservability.Redis.Hosting;

/// <summary>
/// What <c>AddRedisPendingStore</c> knows: the callbacks given in code, and how the store's settings and connection follow
/// from <c>MlMonitoring:Quality:Redis</c> (<see cref="RedisStoreOptions"/>). Shared by the startup check and the store's
/// creation, so what is checked is what is built.
/// </summary>
internal sealed class RedisStoreConfiguration
{
    internal const string Section = MlMonitoringOptions.SectionName + ":Quality:Redis";

    /// <summary>Code settings, applied after configuration (so code wins), in the order given.</summary>
    public List<Action<RedisPendingStoreOptions>> Callbacks { get; } = [];

    /// <summary>Whether any model with a quality monitor uses the Redis store.</summary>
    public static bool IsInUse(MlMonitoringOptions options) =>
        options.Models.Any(m => m.Quality.Enabled && options.Quality.PendingStoreOf(m.Quality) == QualityOptions.RedisStore);

    /// <summary>The store's settings: configuration, then the code callbacks.</summary>
    public RedisPendingStoreOptions Build(RedisStoreOptions settings)
    {
        var options = new RedisPendingStoreOptions();
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            options.ConnectionString = settings.ConnectionString;
        }

        options.KeyPrefix = settings.KeyPrefix ?? options.KeyPrefix;
        options.TimeToLive = settings.TimeToLive ?? options.TimeToLive;
        options.QueueCapacity = settings.QueueCapacity ?? options.QueueCapacity;
        options.BatchSize = settings.BatchSize ?? options.BatchSize;
        options.OperationTimeout = settings.OperationTimeout ?? options.OperationTimeout;
        foreach (var callback in Callbacks)
        {
            callback(options);
        }

        return options;
    }

    /// <summary>
    /// Where the connection comes from: <see cref="RedisPendingStoreOptions.ConnectionString"/>; else the multiplexer named
    /// by <see cref="RedisStoreOptions.ConnectionName"/> (keyed, then unkeyed) or <c>ConnectionStrings:{name}</c>; else an
    /// unkeyed multiplexer in the container. Never creates a multiplexer, so the startup check can call it.
    /// </summary>
    /// <returns>The source, or a message saying what to set.</returns>
    public static ConnectionSource Choose(IServiceProvider services, RedisStoreOptions settings, RedisPendingStoreOptions options, out string? problem)
    {
        problem = null;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ConnectionSource.OwnConnection;
        }

        var isService = services.GetService<IServiceProviderIsKeyedService>();
        bool unkeyed = isService?.IsService(typeof(IConnectionMultiplexer)) == true;
        if (settings.ConnectionName is { Length: > 0 } name)
        {
            if (isService?.IsKeyedService(typeof(IConnectionMultiplexer), name) == true)
            {
                return ConnectionSource.KeyedMultiplexer;
            }

            if (unkeyed)
            {
                return ConnectionSource.Multiplexer;
            }

            if (!string.IsNullOrWhiteSpace(services.GetService<IConfiguration>()?.GetConnectionString(name)))
            {
                return ConnectionSource.NamedConnectionString;
            }

            problem = $"{Section}:ConnectionName is '{name}', but no IConnectionMultiplexer is registered (under that key or without one) " +
                      $"and ConnectionStrings:{name} is not set: register the connection (for example Aspire's builder.AddRedisClient(\"{name}\")), " +
                      $"set ConnectionStrings:{name}, or set {Section}:ConnectionString instead.";
            return ConnectionSource.None;
        }

        if (unkeyed)
        {
            return ConnectionSource.Multiplexer;
        }

        problem = $"{Section}:ConnectionString is not set, and no IConnectionMultiplexer is registered: set it (for example \"redis:6379,password=...\"; " +
                  $"from an environment variable such as MlMonitoring__Quality__Redis__ConnectionString when it holds a password), or set {Section}:ConnectionName " +
                  "to a connection the application registers (Aspire's AddRedisClient), or set MlMonitoring:Quality:PendingStore to \"InProcess\".";
        return ConnectionSource.None;
    }

    /// <summary>Where the store's connection comes from.</summary>
    internal enum ConnectionSource
    {
        None,
        OwnConnection,
        NamedConnectionString,
        KeyedMultiplexer,
        Multiplexer,
    }
}
