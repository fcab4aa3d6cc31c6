using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MlObservability.Redis.Tests.Hosting;

[NonParallelizable]
public sealed class RedisPendingStoreHealthCheckTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<HealthReportEntry> CheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[MlMonitoringRedisBuilderExtensions.HealthCheckName];
    }

    private static async Task<HealthReportEntry> WaitForAsync(IHost host, HealthStatus status)
    {
        var deadline = DateTime.UtcNow + Patience;
        var entry = await CheckAsync(host);
        while (entry.Status != status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            entry = await CheckAsync(host);
        }

        return entry;
    }

    [Test]
    public async Task Healthy_when_redis_answers_degraded_with_the_reason_when_it_is_stopped_healthy_again_after_a_restart()
    {
        using var server = RedisServer.Start();
        using var host = MonitoredHost.Build(MonitoredHost.UsingRedis(server.ConnectionString, "health:"));
        await host.StartAsync();
        host.Wine().Quality!.RecordClassification("red", 0.9, "before");

        var up = await CheckAsync(host);
        Assert.That(up.Status, Is.EqualTo(HealthStatus.Healthy), up.Description);
        Assert.That(up.Description, Does.StartWith("Redis pending store reachable"));

        server.Kill();
        var down = await WaitForAsync(host, HealthStatus.Degraded);
        Assert.Multiple(() =>
        {
            Assert.That(down.Status, Is.EqualTo(HealthStatus.Degraded), "unreachable Redis degrades, never Unhealthy: the replica still serves");
            Assert.That(down.Description, Does.StartWith("Redis pending store unreachable (").And.Contains("Exception"));
            Assert.That(down.Data["reachable"], Is.False);
        });

        server.Restart();
        var back = await WaitForAsync(host, HealthStatus.Healthy);
        Assert.That(back.Status, Is.EqualTo(HealthStatus.Healthy), back.Description);
        await host.StopAsync();
    }

    [Test]
    public async Task Healthy_and_connectionless_when_no_model_uses_redis()
    {
        using var host = MonitoredHost.Build(new Dictionary<string, string?>());
        await host.StartAsync();
        var entry = await CheckAsync(host);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(entry.Description, Does.Contain("No model uses the Redis pending store"));
            Assert.That(host.Services.GetRequiredService<MlObservability.Redis.Hosting.RedisPendingStoreHolder>().Created, Is.Null);
        });
        await host.StopAsync();
    }
}
