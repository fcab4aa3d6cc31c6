using MlObservability.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlObservability.Inference;
using MlObservability.Hosting;

namespace MlObservability.Hosting.Tests;

public sealed class ModelMonitorRegistryTests
{
    /// <summary>A per-model component implementing every contract the registry wires.</summary>
    private sealed class ModelProbe(ModelMonitor model) : IModelInputSink, IModelOutputSink, IMonitoringEvaluator, IInferenceObserver, IDisposable
    {
        public List<double[]> Rows { get; } = [];

        public List<(int Class, double Confidence, string? RequestId)> Classifications { get; } = [];

        public List<string> Labels { get; } = [];

        public List<double> Regressions { get; } = [];

        public int Inferences;

        public bool Disposed { get; private set; }

        public string EvaluatorName => $"probe:{model.Name}";

        public void RecordFeatures(ReadOnlySpan<double> features) => Rows.Add(features.ToArray());

        public void RecordFeatures(ReadOnlySpan<float> features) => Rows.Add(Array.ConvertAll(features.ToArray(), f => (double)f));

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
            Classifications.Add((predictedClass, confidence, requestId));

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => Labels.Add(predictedLabel);

        public void RecordRegression(double value, string? requestId = null) => Regressions.Add(value);

        public void Evaluate(DateTimeOffset now) => model.Publish(new MonitoringEvent
        {
            Kind = "drift.feature",
            ModelName = model.Name,
            ModelVersion = model.Version,
            Severity = Severity.Warning,
            Value = 0.2,
            Timestamp = now,
        });

        public void OnInference(in InferenceRecord record) => Interlocked.Increment(ref Inferences);

        public void Dispose() => Disposed = true;
    }

    private sealed class CollectingSink : IMonitoringEventSink
    {
        public List<MonitoringEvent> Events { get; } = [];

        public void Publish(MonitoringEvent monitoringEvent) => Events.Add(monitoringEvent);
    }

    private sealed class ThrowingSink : IMonitoringEventSink
    {
        public void Publish(MonitoringEvent monitoringEvent) => throw new InvalidOperationException("sink down");
    }

    /// <summary>These tests are about the registry's wiring, so only the probes are components.</summary>
    private static void WithoutBuiltInDetectors(ModelMonitorOptions model)
    {
        model.Quality.Enabled = false;
        model.Slo.Enabled = false;
    }

    private static ServiceProvider Build(out List<ModelProbe> probes)
    {
        var created = new List<ModelProbe>();
        var services = new ServiceCollection();
        services.AddSingleton<CollectingSink>();
        services.AddMlMonitoring(o =>
            {
                o.ResourceMetrics = false;
                o.PredictionLogging.Enabled = false;
            })
            .AddModel("registry-fraud", "3", WithoutBuiltInDetectors)
            .AddModel("registry-churn", configure: WithoutBuiltInDetectors)
            .AddEventSink<ThrowingSink>()
            .AddModelComponent(ctx =>
            {
                var probe = new ModelProbe(ctx.Model);
                created.Add(probe);
                return probe;
            })
            .AddModelComponent<ModelProbe>(ctx => null);
        services.AddSingleton<IMonitoringEventSink>(sp => sp.GetRequiredService<CollectingSink>());
        probes = created;
        return services.BuildServiceProvider();
    }

    [Test]
    public void Creates_one_model_with_inference_metrics_per_configured_model()
    {
        using var provider = Build(out _);
        var registry = provider.GetRequiredService<ModelMonitorRegistry>();

        Assert.Multiple(() =>
        {
            Assert.That(registry.Models.Select(m => m.Name), Is.EqualTo(new[] { "registry-fraud", "registry-churn" }));
            Assert.That(registry.GetModel("registry-fraud").Inference.ModelVersion, Is.EqualTo("3"));
            Assert.That(registry.GetModel("registry-churn").Components, Has.Count.EqualTo(1), "a factory returning null adds nothing");
            Assert.That(registry.TryGetModel("nope", out _), Is.False);
            Assert.That(() => registry.GetModel("nope"), Throws.TypeOf<KeyNotFoundException>()
                .With.Message.Contains("No monitored model named 'nope'").And.Message.Contains("registry-fraud, registry-churn"));
        });
    }

    [Test]
    public void Forwards_features_outputs_and_inferences_to_the_models_components_only()
    {
        using var provider = Build(out var probes);
        var registry = provider.GetRequiredService<ModelMonitorRegistry>();
        var fraud = registry.GetModel("registry-fraud");

        fraud.RecordFeatures([1.0, 2.0]);
        fraud.RecordFeatures([3f, 4f]);
        fraud.RecordClassification(1, 0.9, "req-1");
        fraud.RecordClassification("spam", 0.8);
        fraud.RecordRegression(4.5);
        fraud.Inference.Record(0.01);

        var fraudProbe = probes[0];
        var churnProbe = probes[1];
        Assert.Multiple(() =>
        {
            Assert.That(fraudProbe.Rows, Is.EqualTo(new[] { new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 } }));
            Assert.That(fraudProbe.Classifications, Is.EqualTo(new[] { (1, 0.9, (string?)"req-1") }));
            Assert.That(fraudProbe.Labels, Is.EqualTo(new[] { "spam" }));
            Assert.That(fraudProbe.Regressions, Is.EqualTo(new[] { 4.5 }));
            Assert.That(fraudProbe.Inferences, Is.EqualTo(1));
            Assert.That(churnProbe.Rows, Is.Empty);
            Assert.That(churnProbe.Inferences, Is.Zero);
        });
    }

    [Test]
    public void Findings_reach_every_container_sink_even_when_one_sink_throws()
    {
        using var provider = Build(out _);
        var registry = provider.GetRequiredService<ModelMonitorRegistry>();

        foreach (var evaluator in registry.Evaluators)
        {
            evaluator.Evaluate(DateTimeOffset.UnixEpoch);
        }

        var sink = provider.GetRequiredService<CollectingSink>();
        Assert.That(sink.Events.Select(e => e.ModelName), Is.EquivalentTo(new[] { "registry-fraud", "registry-churn" }));
    }

    [Test]
    public void Disposing_the_container_disposes_components_and_unregisters_metrics()
    {
        var provider = Build(out var probes);
        var fraud = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("registry-fraud");
        provider.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(probes.All(p => p.Disposed), Is.True);
            Assert.That(InferenceInstruments.Live.Items, Does.Not.Contain(fraud.Inference));
        });
    }

    [Test]
    public void A_failing_component_factory_fails_startup_with_the_model_and_component_named()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.ResourceMetrics = false)
            .AddModel("registry-broken")
            .AddModelComponent<ModelProbe>(_ => throw new FileNotFoundException("profile.json missing"));
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<ModelMonitorRegistry>(), Throws.InvalidOperationException
            .With.Message.Contains("Creating ModelProbe for model 'registry-broken' failed: profile.json missing"));
    }
}
