using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlObservability.Hosting;
using OpenTelemetry.Metrics;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>
/// The documented hosts of the Prometheus endpoint, started for real and asked over HTTP on loopback: every-interface
/// spellings start, a Host: localhost request is answered, and a real occupied port fails with a message naming it.
/// </summary>
public sealed class PrometheusEndpointBindingTests
{
    [TestCase("+")]
    [TestCase("*")]
    [TestCase("0.0.0.0")]
    [TestCase("::")]
    public async Task Every_interface_hosts_start_and_serve_metrics(string host)
    {
        int port = ExternalTool.FreeLoopbackPort();
        using var app = await StartAsync(host, port);

        Assert.Multiple(async () =>
        {
            Assert.That(await GetAsync($"http://127.0.0.1:{port}/metrics"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await GetAsync($"http://127.0.0.1:{port}/metrics", hostHeader: "localhost"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await GetAsync($"http://localhost:{port}/metrics"), Is.EqualTo(HttpStatusCode.OK));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Default_loopback_endpoint_answers_requests_addressed_to_localhost()
    {
        int port = ExternalTool.FreeLoopbackPort();
        using var app = await StartAsync(host: null, port);

        Assert.Multiple(async () =>
        {
            Assert.That(await GetAsync($"http://127.0.0.1:{port}/metrics"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await GetAsync($"http://127.0.0.1:{port}/metrics", hostHeader: "localhost"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await GetAsync($"http://127.0.0.1:{port}/metrics", hostHeader: $"localhost:{port}"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await GetAsync($"http://localhost:{port}/metrics"), Is.EqualTo(HttpStatusCode.OK));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Default_loopback_endpoint_does_not_listen_beyond_loopback()
    {
        int port = ExternalTool.FreeLoopbackPort();
        using var app = await StartAsync(host: null, port);

        var listeners = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
            .Where(e => e.Port == port)
            .ToList();
        Assert.That(listeners, Is.Not.Empty);
        Assert.That(listeners.All(e => IPAddress.IsLoopback(e.Address)), Is.True, string.Join(", ", listeners));
        await app.StopAsync();
    }

    [Test]
    public void A_port_in_use_fails_startup_with_a_message_naming_the_port_and_the_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var failure = Assert.CatchAsync(async () => (await StartAsync(host: null, port)).Dispose());

        var messages = string.Join(" | ", Chain(failure!).Select(e => e.Message));
        Assert.Multiple(() =>
        {
            Assert.That(messages, Does.Contain($"port {port} is already in use"));
            Assert.That(messages, Does.Contain("MlMonitoring:Prometheus:Port"));
        });
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<IHost> StartAsync(string? host, int port)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMlMonitoring(o =>
        {
            if (host is not null)
            {
                o.Prometheus.Host = host;
            }

            o.Prometheus.Port = port;
            o.AddModel("binding", "1");
        });
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMlMonitoring().AddMlMonitoringPrometheusEndpoint());
        var app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    private static async Task<HttpStatusCode> GetAsync(string uri, string? hostHeader = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
