using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlObservability.Hosting;
using MlObservability.Inference;
using MlObservability.OpenTelemetry.Tests.Support;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MlObservability.OpenTelemetry.Tests.Otlp;

/// <summary>Push export over OTLP/HTTP, configured from <c>MlMonitoring:Otlp</c>, against a real HTTP receiver on
/// loopback that decodes the protobuf export requests.</summary>
[NonParallelizable]
public sealed class OtlpPushExportTests
{
    private const string Model = "otlp-push";

    private static async Task<IHost> StartHost(OtlpHttpReceiver receiver, bool withEndpoint = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MlMonitoring:ResourceMetrics"] = "false",
            ["MlMonitoring:Models:0:Name"] = Model,
            ["MlMonitoring:Models:0:Version"] = "5",
            ["MlMonitoring:Otlp:ExportInterval"] = "00:00:01",
            ["MlMonitoring:Otlp:Headers"] = "x-api-key=SECRET-otlp-key,tenant=ml",
        };
        if (withEndpoint)
        {
            settings["MlMonitoring:Otlp:Endpoint"] = receiver.BaseUrl.ToString();
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMlMonitoring(builder.Configuration.GetSection("MlMonitoring"));
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMlMonitoring().AddMlMonitoringOtlpExporter())
            .WithTracing(t => t.AddMlMonitoring().AddMlMonitoringOtlpExporter());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Test]
    public async Task Metrics_configured_from_appsettings_are_pushed_to_the_otlp_endpoint_with_the_configured_headers()
    {
        using var receiver = new OtlpHttpReceiver();
        using var host = await StartHost(receiver);
        var inference = host.Services.GetRequiredService<ModelMonitorRegistry>().GetModel(Model).Inference;
        inference.Record(0.02);
        inference.Record(0.5, InferenceOutcome.Error, "TimeoutException");

        var request = receiver.WaitFor("/v1/metrics", r => OtlpProtobuf.Metrics(r.Body).Any(m => m.Name == "ml.inference.requests"));
        var metrics = OtlpProtobuf.Metrics(request.Body);
        await host.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/x-protobuf"));
            Assert.That(request.Headers["x-api-key"], Is.EqualTo("SECRET-otlp-key"));
            Assert.That(request.Headers["tenant"], Is.EqualTo("ml"));
            Assert.That(metrics, Does.Contain((MlTelemetry.MeterName, "ml.inference.requests", "{request}")));
            Assert.That(metrics, Does.Contain((MlTelemetry.MeterName, "ml.inference.duration", "s")));
            Assert.That(metrics.Select(m => m.Name), Does.Contain("ml.inference.errors"));
        });
    }

    [Test]
    public async Task Inference_spans_are_pushed_to_the_traces_path()
    {
        using var receiver = new OtlpHttpReceiver();
        using var host = await StartHost(receiver);
        using (var span = MlObservability.Tracing.InferenceTracing.StartInference(Model, "5", batchSize: 1))
        {
            span?.SetStatus(ActivityStatusCode.Ok);
        }

        var request = receiver.WaitFor("/v1/traces", r => OtlpProtobuf.Spans(r.Body).Count > 0);
        await host.StopAsync();
        Assert.That(OtlpProtobuf.Spans(request.Body).Select(s => s.Scope), Has.Some.StartsWith("MlObservability"));
    }

    [Test]
    public async Task Without_an_endpoint_nothing_is_pushed()
    {
        using var receiver = new OtlpHttpReceiver();
        using (var host = await StartHost(receiver, withEndpoint: false))
        {
            host.Services.GetRequiredService<ModelMonitorRegistry>().GetModel(Model).Inference.Record(0.02);
            await host.StopAsync(); // stopping flushes every exporter there is
        }

        Assert.That(receiver.Requests, Is.Empty);
    }
}
