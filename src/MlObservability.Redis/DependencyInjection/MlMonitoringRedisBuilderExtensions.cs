using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.Quality;
using MlObservability.Redis;
using MlObservability.Redis.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddMlMonitoring(...).AddRedisPendingStore()</c>: the shared Redis pending store, selected by
/// <c>MlMonitoring:Quality:PendingStore = "Redis"</c>.</summary>
public static class MlMonitoringRedisBuilderExtensions
{
    /// <summary>The name of the pending store's health check.</summary>
    public const string HealthCheckName = "mlmonitoring-pending-store";

    /// <summary>
    /// Registers the Redis pending store under the name <c>Redis</c>. It is used by the models whose pending store is
    /// <c>Redis</c> (<c>MlMonitoring:Quality:PendingStore</c>, or a model's own <c>Quality:PendingStore</c>); registering it
    /// selects nothing, so configuration can switch between <c>InProcess</c> and <c>Redis</c>. Its settings come from
    /// <c>MlMonitoring:Quality:Redis</c> (checked at startup when a model uses it), then from <paramref name="configure"/>.
    /// Adds the health check <c>mlmonitoring-pending-store</c> (Degraded while Redis is unreachable) and a flush of the
    /// queued writes when the host stops. One store serves every model; calling this again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMlMonitoring</c>.</param>
    /// <param name="configure">Settings from code, applied after configuration (for example TLS callbacks in
    /// <see cref="RedisPendingStoreOptions.ConfigureConnection"/>).</param>
    /// <returns>The builder.</returns>
    public static IMlMonitoringBuilder AddRedisPendingStore(this IMlMonitoringBuilder builder, Action<RedisPendingStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = services.FirstOrDefault(d => d.ServiceType == typeof(RedisStoreConfiguration) && !d.IsKeyedService)?.ImplementationInstance as RedisStoreConfiguration;
        if (configuration is null)
        {
            configuration = new RedisStoreConfiguration();
            services.AddSingleton(configuration);
            services.TryAddSingleton<RedisPendingStoreHolder>();
            services.TryAddSingleton(sp => sp.GetRequiredService<RedisPendingStoreHolder>().Store);
            services.TryAddKeyedSingleton<IPendingPredictionStoreFactory>(QualityOptions.RedisStore, (sp, _) => sp.GetRequiredService<RedisPendingStoreHolder>().Store);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlMonitoringOptions>, RedisStoreOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisPendingStoreShutdown>());
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                HealthCheckName,
                sp => new RedisPendingStoreHealthCheck(sp.GetRequiredService<RedisPendingStoreHolder>(), sp.GetRequiredService<IOptions<MlMonitoringOptions>>()),
                HealthStatus.Degraded,
                tags: null));
        }

        if (configure is not null)
        {
            configuration.Callbacks.Add(configure);
        }

        return builder;
    }
}
