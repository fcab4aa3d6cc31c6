using System.Diagnostics.Tracing;
using MlObservability.Alerts;
using MlObservability.Inference;
using MlObservability.Instrumentation;

namespace MlObservability.Tests;

public class ModelMonitorTests
{
    [Test]
    public void Rows_predictions_and_findings_reach_every_component_that_takes_them()
    {
        using var model = new ModelMonitor("monitor-fanout", "1");
        var first = new RecordingComponent();
        var second = new RecordingComponent();
        model.AddComponent(first);
        model.AddComponent(second);

        model.RecordFeatures([1.0, 2.0]);
        model.RecordFeatures([3f]);
        model.RecordClassification(1, 0.9, "r1");
        model.RecordClassification("cat", 0.8);
        model.RecordRegression(4.5);
        model.Publish(Finding("monitor-fanout"));

        foreach (var component in new[] { first, second })
        {
            Assert.That(component.Calls, Is.EqualTo(new[] { "f64:2", "f32:1", "class:1:r1", "label:cat", "reg:4.5", "event:test" }));
        }
    }

    [Test]
    public void A_throwing_component_is_reported_and_the_others_still_receive_the_call()
    {
        using var listener = new ComponentFailureListener();
        using var model = new ModelMonitor("monitor-throwing");
        var after = new RecordingComponent();
        model.AddComponent(new ThrowingComponent());
        model.AddComponent(after);

        Assert.DoesNotThrow(() => model.RecordFeatures([1.0]));
        Assert.DoesNotThrow(() => model.RecordClassification(0, 0.5));
        Assert.DoesNotThrow(() => model.Publish(Finding("monitor-throwing")));

        Assert.Multiple(() =>
        {
            Assert.That(after.Calls, Has.Count.EqualTo(3));
            Assert.That(listener.Failures.Where(f => f.Contains("monitor-throwing", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(3));
            Assert.That(listener.Failures, Has.Some.Contains("ThrowingComponent|ClassIndex"));
        });
    }

    [Test]
    public void Decorators_of_the_model_name_record_into_the_monitor_until_it_is_disposed()
    {
        var component = new RecordingComponent();
        var endpoint = InstrumentedEndpoint.Get("monitor-decorated", "2", "predict");
        using (var model = new ModelMonitor("monitor-decorated", "2", "predict"))
        {
            model.AddComponent(component);
            endpoint.RecordFeatures([1.0, 2.0, 3.0]);
            endpoint.RecordPrediction(2, 0.7, "r9");
            var call = endpoint.Start();
            endpoint.Succeeded(call);

            Assert.That(endpoint.Metrics, Is.SameAs(model.Inference), "the decorator records into the monitor's metrics");
            Assert.That(model.Inference.RequestCount, Is.EqualTo(1));
        }

        endpoint.RecordFeatures([1.0]);
        Assert.That(component.Calls, Is.EqualTo(new[] { "f64:3", "class:2:r9" }));
    }

    [Test]
    public void Inference_observers_are_subscribed_while_the_monitor_lives()
    {
        var observer = new CountingObserver();
        var model = new ModelMonitor("monitor-observer");
        model.AddComponent(observer);
        model.Inference.Record(0.01);
        model.Inference.Record(0.02, InferenceOutcome.Error, "boom");
        model.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(observer.Count, Is.EqualTo(2));
            Assert.That(observer.Disposed, Is.True, "components are disposed with the monitor");
            Assert.That(model.Evaluators, Is.Empty);
        });
    }

    [Test]
    public void Shared_sinks_are_resolved_once_on_the_first_finding_and_receive_it_after_the_components()
    {
        using var model = new ModelMonitor("monitor-shared");
        var order = new List<string>();
        model.AddComponent(new OrderSink("component", order));
        int resolved = 0;
        model.AddSharedEventSinks(() =>
        {
            resolved++;
            return [new OrderSink("shared", order)];
        });

        Assert.That(resolved, Is.Zero, "nothing is resolved before a finding");
        model.Publish(Finding("monitor-shared"));
        model.Publish(Finding("monitor-shared"));

        Assert.Multiple(() =>
        {
            Assert.That(resolved, Is.EqualTo(1));
            Assert.That(order, Is.EqualTo(new[] { "component", "shared", "component", "shared" }));
        });
    }

    [Test]
    public void The_alert_pipeline_builds_the_standard_rules_from_what_the_model_has()
    {
        using var model = new ModelMonitor("monitor-alerts");
        using var pipeline = new AlertPipeline(StandardAlertRules.For(model), []);
        model.AddSharedEventSinks(() => [pipeline]);

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Engine.Rules.Select(r => r.Name), Does.Contain(StandardAlertRules.HighErrorRate).And.Contain(StandardAlertRules.Drift));
            Assert.That(pipeline.Engine.Rules.Select(r => r.Name), Does.Not.Contain(StandardAlertRules.LowAccuracy), "no quality monitor, no accuracy signal");
            Assert.That(pipeline.Dispatcher, Is.Null);
        });
    }

    private static MonitoringEvent Finding(string model) => new() { Kind = "test", ModelName = model, Severity = Severity.Warning };

    private sealed class RecordingComponent : IModelInputSink, IModelOutputSink, IMonitoringEventSink
    {
        public List<string> Calls { get; } = [];

        public void RecordFeatures(ReadOnlySpan<double> features) => Calls.Add($"f64:{features.Length}");

        public void RecordFeatures(ReadOnlySpan<float> features) => Calls.Add($"f32:{features.Length}");

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => Calls.Add($"class:{predictedClass}:{requestId}");

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => Calls.Add($"label:{predictedLabel}");

        public void RecordRegression(double value, string? requestId = null) => Calls.Add(FormattableString.Invariant($"reg:{value}"));

        public void Publish(MonitoringEvent monitoringEvent) => Calls.Add($"event:{monitoringEvent.Kind}");
    }

    private sealed class ThrowingComponent : IModelInputSink, IModelOutputSink, IMonitoringEventSink
    {
        public void RecordFeatures(ReadOnlySpan<double> features) => throw new InvalidOperationException("input");

        public void RecordFeatures(ReadOnlySpan<float> features) => throw new InvalidOperationException("input");

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => throw new InvalidOperationException("output");

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => throw new InvalidOperationException("output");

        public void RecordRegression(double value, string? requestId = null) => throw new InvalidOperationException("output");

        public void Publish(MonitoringEvent monitoringEvent) => throw new InvalidOperationException("event");
    }

    private sealed class CountingObserver : IInferenceObserver, IDisposable
    {
        public int Count { get; private set; }

        public bool Disposed { get; private set; }

        public void OnInference(in InferenceRecord record) => Count++;

        public void Dispose() => Disposed = true;
    }

    private sealed class OrderSink(string name, List<string> order) : IMonitoringEventSink
    {
        public void Publish(MonitoringEvent monitoringEvent) => order.Add(name);
    }

    private sealed class ComponentFailureListener : EventListener
    {
        public List<string> Failures { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, EventLevel.Error);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId == 400 && eventData.Payload is { } payload)
            {
                lock (Failures)
                {
                    Failures.Add(string.Join("|", payload));
                }
            }
        }
    }
}
