using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlObservability.Inference;
using MlObservability.Hosting;
using OpenTelemetry.Metrics;

namespace MlObservability.OpenTelemetry.Tests.Support;

/// <summary>
/// A real host wired the way the getting-started guide says (AddMlMonitoring + AddOpenTelemetry().WithMetrics(...)
/// with the Prometheus endpoint) on a free loopback port, with a monitored model and the naming-contract instruments.
/// </summary>
internal sealed class MonitoredTestHost : IAsyncDisposable
{
    public const string Model = "e2e-fraud";
    public const string Version = "3";

    private readonly IHost _host;
    private readonly NamingContractInstruments _contract;
    private readonly CancellationTokenSource _traffic = new();
    private Task _trafficLoop = Task.CompletedTask;

    private MonitoredTestHost(IHost host, int port, NamingContractInstruments contract)
    {
        _host = host;
        Port = port;
        _contract = contract;
        Inference = host.Services.GetRequiredService<ModelMonitorRegistry>().GetModel(Model).Inference;
    }

    public int Port { get; }

    public Uri MetricsUri => new($"http://127.0.0.1:{Port}/metrics");

    public InferenceMetrics Inference { get; }

    public static async Task<MonitoredTestHost> StartAsync()
    {
        int port = ExternalTool.FreeLoopbackPort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMlMonitoring(o =>
        {
            o.Prometheus.Port = port;
            o.AddModel(Model, Version, m => m.Endpoint = "/predict");
        });
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMlMonitoring()
            .AddMlMonitoringPrometheusEndpoint(listener => listener.ScrapeResponseCacheDurationMilliseconds = 0));
        var contract = new NamingContractInstruments(Model, Version);
        var host = builder.Build();
        await host.StartAsync();
        return new MonitoredTestHost(host, port, contract);
    }

    /// <summary>Records a fixed mix: 8 successes (4 at 20 ms, 4 at 40 ms; batch 2), 2 timeout errors (one via Start), 1 cancellation.</summary>
    public void RecordTraffic()
    {
        for (int i = 0; i < 4; i++)
        {
            Inference.Record(0.020, batchSize: 2);
            Inference.Record(0.040, batchSize: 2);
        }

        Inference.RecordError(Inference.Start(), "TimeoutException"); // through Start(): exercises ml.inference.active
        Inference.Record(0.300, InferenceOutcome.Error, "TimeoutException");
        Inference.Record(0.010, InferenceOutcome.Cancelled);
    }

    /// <summary>Keeps recording 20 ms successes until disposed, so rates over a scrape interval are not zero.</summary>
    public void StartContinuousTraffic()
    {
        _trafficLoop = Task.Run(async () =>
        {
            while (!_traffic.IsCancellationRequested)
            {
                Inference.Record(0.020);
                try
                {
                    await Task.Delay(20, _traffic.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public async Task<string> ScrapeAsync()
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(MetricsUri);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _traffic.CancelAsync();
        await _trafficLoop;
        await _host.StopAsync();
        _host.Dispose();
        _contract.Dispose();
        _traffic.Dispose();
    }
}
