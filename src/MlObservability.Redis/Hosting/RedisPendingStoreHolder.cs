using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using StackExchange.Redis;

namespace MlObservability.Redis.Hosting;

/// <summary>Creates the process's one <see cref="RedisPendingStore"/> when a model first needs it (never when no model
/// uses it, so a registered but unselected store opens no connection), and disposes it with the container: the queued
/// writes are written first.</summary>
internal sealed class RedisPendingStoreHolder : IAsyncDisposable, IDisposable
{
    private readonly Lazy<RedisPendingStore> _store;

    public RedisPendingStoreHolder(IServiceProvider services, RedisStoreConfiguration configuration, IOptions<MlMonitoringOptions> options)
    {
        _store = new Lazy<RedisPendingStore>(() => Create(services, configuration, options.Value.Quality.Redis), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The store, created on first use.</summary>
    public RedisPendingStore Store => _store.Value;

    /// <summary>The store if it has been created, else <see langword="null"/>.</summary>
    public RedisPendingStore? Created => _store.IsValueCreated ? _store.Value : null;

    public ValueTask DisposeAsync() => Created?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => Created?.Dispose();

    private static RedisPendingStore Create(IServiceProvider services, RedisStoreConfiguration configuration, RedisStoreOptions settings)
    {
        var options = configuration.Build(settings);
        var source = RedisStoreConfiguration.Choose(services, settings, options, out string? problem);
        switch (source)
        {
            case RedisStoreConfiguration.ConnectionSource.OwnConnection:
                return new RedisPendingStore(options);
            case RedisStoreConfiguration.ConnectionSource.NamedConnectionString:
                options.ConnectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(settings.ConnectionName!);
                return new RedisPendingStore(options);
            case RedisStoreConfiguration.ConnectionSource.KeyedMultiplexer:
                return new RedisPendingStore(services.GetRequiredKeyedService<IConnectionMultiplexer>(settings.ConnectionName), options);
            case RedisStoreConfiguration.ConnectionSource.Multiplexer:
                return new RedisPendingStore(services.GetRequiredService<IConnectionMultiplexer>(), options);
            default:
                throw new InvalidOperationException(problem);
        }
    }
}
