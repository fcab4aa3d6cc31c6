using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MlObservability.OpenTelemetry.Tests.Resources;

/// <summary><c>service.name</c> defaults to the host's application name; whatever the application sets wins.</summary>
public sealed class ServiceNameDefaultTests
{
    [Test]
    public async Task Target_info_names_the_application_when_no_resource_is_configured()
    {
        int port = ExternalTool.FreeLoopbackPort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "fraud-service" });
        builder.Logging.ClearProviders();
        builder.Services.AddMlMonitoring(o => o.Prometheus.Port = port);
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMlMonitoring().AddMlMonitoringPrometheusEndpoint());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient();
            string text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

            Assert.That(text.Split('\n').Where(l => l.StartsWith("target_info{", StringComparison.Ordinal)),
                Has.Some.Contains("service_name=\"fraud-service\"").And.None.Contains("unknown_service"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_service_name_set_by_the_application_wins_before_or_after_AddMlMonitoring(bool configuredFirst)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "host-name" });
        builder.Services.AddMlMonitoring();
        var otel = builder.Services.AddOpenTelemetry();
        if (configuredFirst)
        {
            otel.ConfigureResource(r => r.AddService("configured"));
        }

        otel.WithMetrics(m => m.AddMlMonitoring()).WithTracing(t => t.AddMlMonitoring());
        if (!configuredFirst)
        {
            otel.ConfigureResource(r => r.AddService("configured"));
        }

        using var host = builder.Build();

        Assert.Multiple(() =>
        {
            Assert.That(ServiceName(host.Services.GetRequiredService<MeterProvider>().GetResource()), Is.EqualTo("configured"));
            Assert.That(ServiceName(host.Services.GetRequiredService<TracerProvider>().GetResource()), Is.EqualTo("configured"));
        });
    }

    [Test]
    public void Traces_get_the_application_name_too()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "host-name" });
        builder.Services.AddOpenTelemetry().WithTracing(t => t.AddMlMonitoring());
        using var host = builder.Build();

        Assert.That(ServiceName(host.Services.GetRequiredService<TracerProvider>().GetResource()), Is.EqualTo("host-name"));
    }

    private static string? ServiceName(Resource resource) =>
        resource.Attributes.FirstOrDefault(a => a.Key == "service.name").Value as string;
}
