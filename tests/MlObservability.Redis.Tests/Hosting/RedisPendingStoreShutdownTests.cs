using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace MlObservability.Redis.Tests.Hosting;

[NonParallelizable]
public sealed class RedisPendingStoreShutdownTests
{
    [Test]
    public async Task A_graceful_stop_writes_every_queued_prediction_before_the_connection_closes()
    {
        using var server = RedisServer.Start();
        using var admin = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",allowAdmin=true");
        var settings = MonitoredHost.UsingRedis(server.ConnectionString, "shutdown:");
        settings["MlMonitoring:Quality:Redis:OperationTimeout"] = "00:00:20";
        var host = MonitoredHost.Build(settings);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<RedisPendingStore>();
        var quality = host.Wine().Quality!;

        // Redis holds every write for 3 s, so the predictions are still queued or in flight when the host stops.
        await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", "3000", "WRITE");
        for (int i = 0; i < 500; i++)
        {
            quality.RecordClassification(i % 2 == 0 ? "red" : "white", 0.9, "req-" + i);
        }

        Assume.That(store.StoredCount, Is.Zero, "the pause holds the writes (else this run checks nothing)");
        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();

        var keys = admin.GetServer(admin.GetEndPoints()[0]).Keys(pattern: "shutdown:wine:*", pageSize: 1000).Count();
        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.EqualTo(500), "every prediction recorded before the stop is in Redis");
            Assert.That(store.StoredCount, Is.EqualTo(500));
            Assert.That(store.FailedCount + store.DroppedCount, Is.Zero);
        });
    }
}
