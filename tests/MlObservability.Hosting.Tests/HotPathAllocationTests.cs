using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlObservability.Hosting;
using MlObservability.Hosting.Logging;
using MlObservability.Hosting.Tests.Support;

namespace MlObservability.Hosting.Tests;

/// <summary>The recording path of the hosting package allocates nothing and survives a throwing component.</summary>
public sealed class HotPathAllocationTests
{
    private sealed class SummingSink : IModelInputSink, IModelOutputSink
    {
        public double Total;

        public void RecordFeatures(ReadOnlySpan<double> features) => Total += features[0];

        public void RecordFeatures(ReadOnlySpan<float> features) => Total += features[0];

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => Total += confidence;

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => Total += confidence;

        public void RecordRegression(double value, string? requestId = null) => Total += value;
    }

    private sealed class ThrowingSink : IModelInputSink
    {
        public void RecordFeatures(ReadOnlySpan<double> features) => throw new InvalidOperationException("broken");

        public void RecordFeatures(ReadOnlySpan<float> features) => throw new InvalidOperationException("broken");
    }

    private static void RecordOnce(ModelMonitor model, float[] row, double[] wide)
    {
        model.RecordFeatures(row);
        model.RecordFeatures(wide);
        model.RecordClassification(1, 0.5);
        model.RecordClassification("label", 0.5, "req");
        model.RecordRegression(2.0);
    }

    [Test]
    public void Forwarding_features_and_outputs_allocates_nothing()
    {
        var sinks = new[] { new SummingSink(), new SummingSink() };
        var services = new ServiceCollection();
        // Only the forwarding is measured here; the built-in detectors have their own allocation tests.
        services.AddMlMonitoring(o => o.ResourceMetrics = false).AddModel("alloc-model", configure: m => { m.Quality.Enabled = false; m.Slo.Enabled = false; })
            .AddModelComponent(_ => sinks[0])
            .AddModelComponent(_ => sinks[1]);
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("alloc-model");
        float[] row = [1f, 2f, 3f];
        double[] wide = [1.0, 2.0, 3.0];
        RecordOnce(model, row, wide); // JIT

        // Five rounds, the least allocating one must allocate nothing: a per-call allocation shows in every round, while
        // a one-time allocation that a listener left by an earlier test in this process makes (a new metric point for
        // this model's tags) shows in one round only and is not this path's cost.
        var rounds = new long[5];
        for (int round = 0; round < rounds.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                RecordOnce(model, row, wide);
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Multiple(() =>
        {
            Assert.That(rounds.Min(), Is.Zero, $"bytes allocated per round of 1,000 calls: {string.Join(", ", rounds)}");
            Assert.That(sinks[1].Total, Is.EqualTo(5001 * (1 + 1 + 0.5 + 0.5 + 2.0)));
        });
    }

    [Test]
    public void A_throwing_component_does_not_reach_the_caller_or_starve_the_others()
    {
        var healthy = new SummingSink();
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.ResourceMetrics = false).AddModel("alloc-throwing")
            .AddModelComponent(_ => new ThrowingSink())
            .AddModelComponent(_ => healthy);
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("alloc-throwing");
        using var listener = new FailureListener();

        Assert.DoesNotThrow(() => model.RecordFeatures([4f]));
        Assert.That(healthy.Total, Is.EqualTo(4));
        Assert.That(listener.Failures, Has.Some.Contains("ThrowingSink").And.Some.Contains("alloc-throwing"),
            "the failure is reported on the core self-diagnostics source (event 400), naming the component and the model");
    }

    [Test]
    public void An_unsampled_prediction_allocates_nothing()
    {
        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink));
        services.AddMlMonitoring(o => o.PredictionLogging.SampleRate = 0.001);
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<PredictionLogger>();
        float[] row = [1f, 2f];
        logger.LogPrediction("fraud", "3", 1, 0.9, 0.01, row); // JIT; the first offer (n = 1) is not sampled at 0.001

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 998; i++)
        {
            logger.LogPrediction("fraud", "3", 1, 0.9, 0.01, row);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(sink.Entries, Is.Empty, "999 offers at 1/1000 log nothing yet");
            Assert.That(logger.LogPrediction("fraud", "3", 1, 0.9, 0.01, row), Is.True, "the 1000th is logged");
        });
    }

    private sealed class FailureListener : System.Diagnostics.Tracing.EventListener
    {
        public List<string> Failures { get; } = [];

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Error);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
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
