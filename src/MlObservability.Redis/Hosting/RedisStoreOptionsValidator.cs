using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Redis.Hosting;

/// <summary>
/// Checks <c>MlMonitoring:Quality:Redis</c> at startup when a model uses the Redis store: a connection is given, the
/// settings are in range, the connection string parses. Messages name the configuration key and never quote the
/// connection string. Nothing is connected here: an unreachable Redis is not a configuration error (it is retried).
/// </summary>
internal sealed class RedisStoreOptionsValidator(IServiceProvider services, RedisStoreConfiguration configuration) : IValidateOptions<MlMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MlMonitoringOptions options)
    {
        if (!RedisStoreConfiguration.IsInUse(options))
        {
            return ValidateOptionsResult.Success;
        }

        var settings = options.Quality.Redis;
        RedisPendingStoreOptions built;
        try
        {
            built = configuration.Build(settings);
        }
#pragma warning disable CA1031 // a failing code callback is reported as a startup failure, not an unhandled exception
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ValidateOptionsResult.Fail($"AddRedisPendingStore(configure): the settings callback failed: {ex.GetType().Name}: {ex.Message}");
        }

        var failures = new List<string>();
        var source = RedisStoreConfiguration.Choose(services, settings, built, out string? problem);
        if (problem is not null)
        {
            failures.Add(problem);
        }

        foreach (var invalid in built.Problems())
        {
            Check(failures, () => throw invalid);
        }

        if (source is RedisStoreConfiguration.ConnectionSource.OwnConnection or RedisStoreConfiguration.ConnectionSource.NamedConnectionString)
        {
            if (source == RedisStoreConfiguration.ConnectionSource.NamedConnectionString)
            {
                built.ConnectionString = services.GetService<IConfiguration>()?.GetConnectionString(settings.ConnectionName!);
            }

            Check(failures, () => built.ToConfiguration(), source == RedisStoreConfiguration.ConnectionSource.NamedConnectionString ? $"ConnectionStrings:{settings.ConnectionName}" : null);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, Action check, string? key = null)
    {
        try
        {
            check();
        }
        catch (ArgumentException ex)
        {
            // "RedisPendingStoreOptions.X must ... (Parameter 'X')" becomes "MlMonitoring:Quality:Redis:X: RedisPendingStoreOptions.X must ...".
            string message = ex.Message;
            int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            if (parameter >= 0)
            {
                message = message[..parameter];
            }

            failures.Add($"{key ?? RedisStoreConfiguration.Section + ":" + ex.ParamName}: {message}");
        }
    }
}
