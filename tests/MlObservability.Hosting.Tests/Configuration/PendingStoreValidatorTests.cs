using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.Quality;

namespace MlObservability.Hosting.Tests.Configuration;

public sealed class PendingStoreValidatorTests
{
    private static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMlMonitoring(builder.Configuration.GetSection("MlMonitoring"));
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    [Test]
    public void Redis_without_the_redis_package_fails_at_startup_naming_the_key_and_the_fix()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Quality:PendingStore"] = "redis",
        });

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
        Assert.That(error.Failures, Has.One.Contains("MlMonitoring:Quality:PendingStore is 'Redis', but the Redis pending store is not registered")
            .And.Contains("AddRedisPendingStore()"));
    }

    [Test]
    public void An_unknown_store_on_one_model_is_reported_with_the_model_index()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Models:1:Name"] = "fraud",
            ["MlMonitoring:Models:1:Quality:PendingStore"] = "Memcached",
        });

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
        Assert.That(error.Failures, Has.One.Contains("MlMonitoring:Models:1:Quality:PendingStore is 'Memcached', but no pending store named 'Memcached' is registered"));
    }

    [Test]
    public void An_empty_global_store_is_reported()
    {
        using var host = Build(new Dictionary<string, string?> { ["MlMonitoring:Models:0:Name"] = "wine", ["MlMonitoring:Quality:PendingStore"] = "" });
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
        Assert.That(error.Failures, Has.One.Contains("MlMonitoring:Quality:PendingStore is empty"));
    }

    [Test]
    public async Task The_default_is_the_in_process_store()
    {
        using var host = Build(new Dictionary<string, string?> { ["MlMonitoring:Models:0:Name"] = "wine" });
        await host.StartAsync();
        var quality = host.Services.GetRequiredService<ModelMonitorRegistry>().GetModel("wine").Quality!;
        Assert.That(quality.PendingStore, Is.InstanceOf<PendingPredictionStore>());
        await host.StopAsync();
    }

    [Test]
    public async Task A_store_registered_under_a_name_is_used_by_the_models_that_name_it()
    {
        var factory = new CountingFactory();
        using var host = Build(
            new Dictionary<string, string?>
            {
                ["MlMonitoring:Models:0:Name"] = "wine",
                ["MlMonitoring:Models:1:Name"] = "fraud",
                ["MlMonitoring:Models:1:Quality:PendingStore"] = "InProcess",
                ["MlMonitoring:Quality:PendingStore"] = "Shared",
            },
            s => s.AddKeyedSingleton<IPendingPredictionStoreFactory>("Shared", factory));
        await host.StartAsync();
        var registry = host.Services.GetRequiredService<ModelMonitorRegistry>();
        Assert.Multiple(() =>
        {
            Assert.That(factory.Created, Is.EqualTo(new[] { "wine" }));
            Assert.That(registry.GetModel("wine").Quality!.PendingStore, Is.InstanceOf<PendingPredictionStore>().And.SameAs(factory.Last));
            Assert.That(registry.GetModel("fraud").Quality!.PendingStore, Is.Not.SameAs(factory.Last), "the model's own setting wins");
        });
        await host.StopAsync();
    }

    private sealed class CountingFactory : IPendingPredictionStoreFactory
    {
        public List<string> Created { get; } = [];

        public IPendingPredictionStore? Last { get; private set; }

        public IPendingPredictionStore Create(string modelName, string modelVersion, QualityMonitorOptions options)
        {
            Created.Add(modelName);
            return Last = new PendingPredictionStore(options.PendingCapacity, options.PendingTimeToLive, options.PendingMaxBytes);
        }
    }
}
