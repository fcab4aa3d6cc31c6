using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MlObservability.Hosting;
using MlObservability.Hosting.Logging;
using MlObservability.OpenTelemetry.Tests.Support;
using MlObservability.Tracing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MlObservability.OpenTelemetry.Tests;

/// <summary>The code of docs/getting-started.md, compiled and run.</summary>
public sealed class GettingStartedTests
{
    public sealed class FraudScorer(ModelMonitorRegistry registry, PredictionLogger predictions)
    {
        private readonly ModelMonitor _model = registry.GetModel("fraud");

        public (int Class, double Confidence) Score(float[] features)
        {
            long start = _model.Inference.Start();
            try
            {
                using var span = InferenceTracing.StartInference(_model.Name, _model.Version, batchSize: 1);
                _model.RecordFeatures(features);
                var (predicted, confidence) = RunModel(features);
                InferenceTracing.SetPrediction(span, predicted, confidence);
                _model.RecordClassification(predicted, confidence);
                _model.Inference.RecordSuccess(start);
                predictions.LogPrediction(_model.Name, _model.Version, predicted, confidence, Stopwatch.GetElapsedTime(start).TotalSeconds, features);
                return (predicted, confidence);
            }
            catch (Exception ex)
            {
                _model.Inference.RecordError(start, ex.GetType().Name);
                throw;
            }
        }

        private static (int, double) RunModel(float[] features) => (features[0] > 0.5f ? 1 : 0, 0.9);
    }

    private sealed class FeatureCounter : IModelInputSink
    {
        public int Rows;

        public void RecordFeatures(ReadOnlySpan<double> features) => Rows++;

        public void RecordFeatures(ReadOnlySpan<float> features) => Rows++;
    }

    [Test]
    public async Task The_documented_wiring_starts_serves_metrics_and_reports_health()
    {
        int port = ExternalTool.FreeLoopbackPort();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:EvaluationInterval"] = "00:00:30",
            ["MlMonitoring:Models:0:Name"] = "fraud",
            ["MlMonitoring:Models:0:Version"] = "3",
            ["MlMonitoring:Models:0:Endpoint"] = "/predict",
            ["MlMonitoring:Prometheus:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var counter = new FeatureCounter();
        builder.Services.AddMlMonitoring(builder.Configuration.GetSection("MlMonitoring"))
            .AddModelComponent(_ => counter);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMlMonitoring().AddMlMonitoringPrometheusEndpoint(l => l.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(t => t.AddMlMonitoring());
        builder.Services.AddHealthChecks().AddMlMonitoring(tags: ["ready"]);
        builder.Services.AddSingleton<FraudScorer>();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var scorer = host.Services.GetRequiredService<FraudScorer>();
            Assert.That(scorer.Score([0.9f, 0.1f]), Is.EqualTo((1, 0.9)));
            Assert.That(scorer.Score([0.1f, 0.1f]), Is.EqualTo((0, 0.9)));

            using var client = new HttpClient();
            var scrape = PrometheusExposition.Parse(await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            Assert.Multiple(() =>
            {
                Assert.That(scrape.Find("ml_inference_requests_total", ("ml_model_name", "fraud"), ("ml_outcome", "success")).Single().Value, Is.EqualTo(2));
                Assert.That(counter.Rows, Is.EqualTo(2));
                Assert.That(health.Status, Is.EqualTo(HealthStatus.Healthy));
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
