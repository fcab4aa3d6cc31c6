using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlObservability.Hosting;
using MlObservability.Tracing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MlObservability.OpenTelemetry.Tests.OpenTelemetry;

/// <summary>TracerProviderBuilder.AddMlMonitoring() exports inference spans and the background evaluation span.</summary>
public sealed class TracingExportTests
{
    [Test]
    public void Inference_spans_are_exported_with_their_attributes()
    {
        var spans = new List<Activity>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddMlMonitoring().AddInMemoryExporter(spans).Build())
        {
            using var span = InferenceTracing.StartInference("trace-fraud", "3", batchSize: 8);
            InferenceTracing.SetPrediction(span, 0, 0.81);
        }

        var exported = spans.Single(s => Equals(s.GetTagItem("ml.model.name"), "trace-fraud"));
        Assert.Multiple(() =>
        {
            Assert.That(exported.DisplayName, Is.EqualTo("ml.inference"));
            Assert.That(exported.GetTagItem("ml.batch.size"), Is.EqualTo(8));
            Assert.That(exported.GetTagItem("ml.prediction.confidence"), Is.EqualTo(0.81));
        });
    }

    [Test]
    public void An_evaluation_pass_is_a_span_on_the_hosting_source()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddMlMonitoring().AddInMemoryExporter(spans).Build();
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.ResourceMetrics = false).AddModel("trace-eval");
        using var provider = services.BuildServiceProvider();
        var service = provider.GetServices<IHostedService>().OfType<MonitoringEvaluationService>().Single();

        service.EvaluateOnce();
        tracer.ForceFlush();

        var pass = spans.Single(s => s.DisplayName == "ml.monitoring.evaluate");
        Assert.Multiple(() =>
        {
            Assert.That(pass.Source.Name, Is.EqualTo(MlObservability.Hosting.HostingTelemetry.SourceName));
            Assert.That(pass.GetTagItem("ml.monitoring.evaluators"), Is.EqualTo(3), "the model's quality monitor and SLO tracker, and the alert engine");
            Assert.That(pass.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }
}
