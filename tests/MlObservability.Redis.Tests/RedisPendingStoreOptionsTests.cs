namespace MlObservability.Redis.Tests;

public sealed class RedisPendingStoreOptionsTests
{
    [Test]
    public void A_missing_connection_string_says_what_to_set()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RedisPendingStore(new RedisPendingStoreOptions()));
        Assert.That(ex!.Message, Does.Contain("RedisPendingStoreOptions.ConnectionString is required"));
    }

    [Test]
    public void A_malformed_connection_string_is_rejected_without_repeating_its_password()
    {
        var options = new RedisPendingStoreOptions { ConnectionString = "redis:6379,password=hunter2-secret,unknownOption=1" };
        var ex = Assert.Throws<ArgumentException>(() => new RedisPendingStore(options));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("not a valid StackExchange.Redis configuration string"));
            Assert.That(ex.ToString(), Does.Not.Contain("hunter2"));
        });
    }

    [TestCase("", "KeyPrefix")]
    [TestCase("has space:", "KeyPrefix")]
    public void A_bad_key_prefix_is_named(string prefix, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RedisPendingStoreOptions { ConnectionString = "localhost", KeyPrefix = prefix }.Validate());
        Assert.That(ex!.Message, Does.Contain(setting));
    }

    [Test]
    public void Bounds_are_checked_with_the_setting_named()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new RedisPendingStoreOptions { QueueCapacity = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("QueueCapacity"));
            Assert.That(() => new RedisPendingStoreOptions { BatchSize = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("BatchSize"));
            Assert.That(() => new RedisPendingStoreOptions { TimeToLive = TimeSpan.FromMilliseconds(10) }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("TimeToLive"));
            Assert.That(() => new RedisPendingStoreOptions { OperationTimeout = TimeSpan.Zero }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("OperationTimeout"));
        });
    }

    [Test]
    public void Tls_settings_and_the_password_pass_through_and_the_client_reconnects_by_itself()
    {
        var options = new RedisPendingStoreOptions
        {
            ConnectionString = "cache.example:6380,ssl=true,sslHost=cache.example,password=s3cret",
            ConfigureConnection = c => c.ClientName = "wine-service",
        };
        var configuration = options.ToConfiguration();
        Assert.Multiple(() =>
        {
            Assert.That(configuration.Ssl, Is.True);
            Assert.That(configuration.SslHost, Is.EqualTo("cache.example"));
            Assert.That(configuration.Password, Is.EqualTo("s3cret"));
            Assert.That(configuration.ClientName, Is.EqualTo("wine-service"));
            Assert.That(configuration.AbortOnConnectFail, Is.False);
        });
    }

    [Test]
    public async Task An_unreachable_redis_is_reported_by_the_probe_without_the_password()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var store = new RedisPendingStore(new RedisPendingStoreOptions { ConnectionString = $"127.0.0.1:{closedPort},password=hunter2-secret,connectTimeout=200" });
        var probe = await store.ProbeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(store.IsConnected, Is.False);
            Assert.That(probe.IsReachable, Is.False);
            Assert.That(probe.Error, Is.Not.Null.And.Not.Contain("hunter2"));
        });
    }
}
