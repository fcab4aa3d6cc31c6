using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlObservability.Quality;
using MlObservability.Redis.Hosting;
using StackExchange.Redis;

namespace MlObservability.Redis.Tests.Hosting;

[NonParallelizable]
public sealed class RedisPendingStoreHostingTests
{
    private RedisServer _server = null!;
    private string _prefix = null!;

    [OneTimeSetUp]
    public void StartRedis() => _server = RedisServer.Start();

    [OneTimeTearDown]
    public void StopRedis() => _server.Dispose();

    [SetUp]
    public void FreshPrefix() => _prefix = "hosting:" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Test]
    public async Task Configured_with_PendingStore_Redis_a_label_joins_on_another_host()
    {
        using var a = MonitoredHost.Build(MonitoredHost.UsingRedis(_server.ConnectionString, _prefix));
        using var b = MonitoredHost.Build(MonitoredHost.UsingRedis(_server.ConnectionString, _prefix));
        await a.StartAsync();
        await b.StartAsync();

        a.Wine().Quality!.RecordClassification("white", 0.9, "req-1");
        await a.Services.GetRequiredService<RedisPendingStore>().FlushAsync();

        Assert.Multiple(() =>
        {
            Assert.That(a.Wine().Quality!.PendingStore, Is.InstanceOf<RedisModelPendingStore>());
            Assert.That(b.Wine().RecordGroundTruth("req-1", "white"), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(a.Wine().RecordGroundTruth("req-1", "white"), Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(a.Services.GetRequiredService<RedisPendingStore>().Options.KeyPrefix, Is.EqualTo(_prefix));
        });
        await b.StopAsync();
        await a.StopAsync();
    }

    [Test]
    public async Task Registered_but_not_selected_the_store_opens_no_connection()
    {
        using var host = MonitoredHost.Build(new Dictionary<string, string?>());
        await host.StartAsync();
        Assert.Multiple(() =>
        {
            Assert.That(host.Wine().Quality!.PendingStore, Is.InstanceOf<PendingPredictionStore>());
            Assert.That(host.Services.GetRequiredService<RedisPendingStoreHolder>().Created, Is.Null);
        });
        await host.StopAsync();
    }

    [Test]
    public async Task A_model_can_keep_the_in_process_store_while_the_others_use_redis()
    {
        var settings = MonitoredHost.UsingRedis(_server.ConnectionString, _prefix);
        settings["MlMonitoring:Models:1:Name"] = "fraud";
        settings["MlMonitoring:Models:1:Quality:PendingStore"] = "InProcess";
        using var host = MonitoredHost.Build(settings);
        await host.StartAsync();
        var registry = host.Services.GetRequiredService<MlObservability.Hosting.ModelMonitorRegistry>();
        Assert.Multiple(() =>
        {
            Assert.That(registry.GetModel("wine").Quality!.PendingStore, Is.InstanceOf<RedisModelPendingStore>());
            Assert.That(registry.GetModel("fraud").Quality!.PendingStore, Is.InstanceOf<PendingPredictionStore>());
        });
        await host.StopAsync();
    }

    [Test]
    public void Without_a_connection_startup_fails_naming_the_keys_to_set()
    {
        using var host = MonitoredHost.Build(new Dictionary<string, string?> { ["MlMonitoring:Quality:PendingStore"] = "Redis" });
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
        Assert.That(error.Failures, Has.One.Contains("MlMonitoring:Quality:Redis:ConnectionString is not set, and no IConnectionMultiplexer is registered")
            .And.Contains("MlMonitoring:Quality:Redis:ConnectionName"));
    }

    [Test]
    public void Invalid_settings_fail_at_startup_naming_the_key_and_never_the_password()
    {
        var settings = MonitoredHost.UsingRedis("redis:6379,password=hunter2-secret,unknownOption=1", _prefix);
        settings["MlMonitoring:Quality:Redis:QueueCapacity"] = "0";
        settings["MlMonitoring:Quality:Redis:KeyPrefix"] = "has space";
        using var host = MonitoredHost.Build(settings);
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.StartsWith("MlMonitoring:Quality:Redis:QueueCapacity: ").And.Contains("between 1 and 10,000,000"));
            Assert.That(error.Failures, Has.Some.StartsWith("MlMonitoring:Quality:Redis:KeyPrefix: "));
            Assert.That(error.Failures, Has.Some.StartsWith("MlMonitoring:Quality:Redis:ConnectionString: "));
            Assert.That(error.Message, Does.Not.Contain("hunter2"));
        });
    }

    [Test]
    public async Task ConnectionName_takes_the_multiplexer_registered_under_that_key_else_the_unkeyed_one()
    {
        using var keyedConnection = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
        using var unkeyedConnection = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
        var settings = new Dictionary<string, string?> { ["MlMonitoring:Quality:PendingStore"] = "Redis", ["MlMonitoring:Quality:Redis:ConnectionName"] = "cache" };

        using (var keyed = MonitoredHost.Build(settings, s => s
                   .AddKeyedSingleton<IConnectionMultiplexer>("cache", keyedConnection)
                   .AddSingleton<IConnectionMultiplexer>(unkeyedConnection)))
        {
            await keyed.StartAsync();
            Assert.That(keyed.Services.GetRequiredService<RedisPendingStore>().Connection, Is.SameAs(keyedConnection));
            await keyed.StopAsync();
        }

        using (var unkeyed = MonitoredHost.Build(settings, s => s.AddSingleton<IConnectionMultiplexer>(unkeyedConnection)))
        {
            await unkeyed.StartAsync();
            Assert.That(unkeyed.Services.GetRequiredService<RedisPendingStore>().Connection, Is.SameAs(unkeyedConnection));
            await unkeyed.StopAsync();
        }

        Assert.That(unkeyedConnection.IsConnected, Is.True, "a multiplexer the application owns is not disposed with the store");
    }

    [Test]
    public async Task ConnectionName_falls_back_to_the_named_connection_string()
    {
        var settings = new Dictionary<string, string?>
        {
            ["MlMonitoring:Quality:PendingStore"] = "Redis",
            ["MlMonitoring:Quality:Redis:ConnectionName"] = "cache",
            ["MlMonitoring:Quality:Redis:KeyPrefix"] = _prefix,
            ["ConnectionStrings:cache"] = _server.ConnectionString,
        };
        using var host = MonitoredHost.Build(settings);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<RedisPendingStore>();
        Assert.That((await store.ProbeAsync()).IsReachable, Is.True);
        await host.StopAsync();
    }

    [Test]
    public void ConnectionName_without_a_registered_connection_or_connection_string_fails_at_startup()
    {
        using var host = MonitoredHost.Build(new Dictionary<string, string?> { ["MlMonitoring:Quality:PendingStore"] = "Redis", ["MlMonitoring:Quality:Redis:ConnectionName"] = "cache" });
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;
        Assert.That(error.Failures, Has.One.Contains("MlMonitoring:Quality:Redis:ConnectionName is 'cache', but no IConnectionMultiplexer is registered").And.Contains("ConnectionStrings:cache"));
    }

    [Test]
    public async Task Settings_from_code_apply_after_configuration()
    {
        var builderSettings = MonitoredHost.UsingRedis(_server.ConnectionString, _prefix);
        builderSettings["MlMonitoring:Quality:Redis:BatchSize"] = "64";
        using var host = MonitoredHost.Build(builderSettings, s => s.AddMlMonitoring().AddRedisPendingStore(o => o.QueueCapacity = 123));
        await host.StartAsync();
        var options = host.Services.GetRequiredService<RedisPendingStore>().Options;
        Assert.Multiple(() =>
        {
            Assert.That(options.BatchSize, Is.EqualTo(64));
            Assert.That(options.QueueCapacity, Is.EqualTo(123));
        });
        await host.StopAsync();
    }

    [Test]
    public void Calling_AddRedisPendingStore_twice_registers_once_and_keeps_both_callbacks()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring().AddRedisPendingStore(o => o.BatchSize = 7);
        services.AddMlMonitoring().AddRedisPendingStore(o => o.QueueCapacity = 9);

        using var provider = services.BuildServiceProvider();
        var checks = provider.GetRequiredService<IOptions<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>>().Value.Registrations;
        var built = provider.GetRequiredService<RedisStoreConfiguration>().Build(new MlObservability.Hosting.Configuration.RedisStoreOptions());
        Assert.Multiple(() =>
        {
            Assert.That(checks.Count(r => r.Name == MlMonitoringRedisBuilderExtensions.HealthCheckName), Is.EqualTo(1));
            Assert.That(services.Count(d => d.ImplementationType == typeof(RedisPendingStoreShutdown)), Is.EqualTo(1));
            Assert.That(services.Count(d => d.IsKeyedService && d.ServiceType == typeof(IPendingPredictionStoreFactory)), Is.EqualTo(1));
            Assert.That((built.BatchSize, built.QueueCapacity), Is.EqualTo((7, 9)));
        });
    }
}
