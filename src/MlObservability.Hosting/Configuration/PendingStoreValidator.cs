using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Quality;

namespace MlObservability.Hosting.Configuration;

/// <summary>Checks at startup that every model's pending store (<c>MlMonitoring:Quality:PendingStore</c>, or the model's
/// own) is <c>InProcess</c> or a store registered in the container, and says how to register it when it is not.</summary>
internal sealed class PendingStoreValidator(IServiceProvider services) : IValidateOptions<MlMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MlMonitoringOptions options)
    {
        var failures = new List<string>();
        string root = MlMonitoringOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Quality.PendingStore))
        {
            failures.Add($"{root}:Quality:PendingStore is empty: use \"{QualityOptions.InProcessStore}\" (the default) or \"{QualityOptions.RedisStore}\".");
        }

        var keyed = services.GetService<IServiceProviderIsKeyedService>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Models.Count; i++)
        {
            var quality = options.Models[i].Quality;
            if (!quality.Enabled || (quality.PendingStore is null && string.IsNullOrWhiteSpace(options.Quality.PendingStore)))
            {
                continue;
            }

            string store = options.Quality.PendingStoreOf(quality);
            if (store == QualityOptions.InProcessStore || keyed?.IsKeyedService(typeof(IPendingPredictionStoreFactory), store) == true || !reported.Add(store))
            {
                continue;
            }

            string setting = quality.PendingStore is null
                ? $"{root}:Quality:PendingStore"
                : string.Create(CultureInfo.InvariantCulture, $"{root}:Models:{i}:Quality:PendingStore");
            failures.Add($"{setting} is '{store}', but {NotRegistered(store)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string NotRegistered(string store) => store == QualityOptions.RedisStore
        ? "the Redis pending store is not registered: add the MlObservability.Redis package and call services.AddMlMonitoring(...).AddRedisPendingStore(), " +
          $"or set the pending store to \"{QualityOptions.InProcessStore}\"."
        : $"no pending store named '{store}' is registered: use \"{QualityOptions.InProcessStore}\" or \"{QualityOptions.RedisStore}\" " +
          "(names are not case-sensitive), or register an IPendingPredictionStoreFactory as a keyed service under that name.";
}
