using System.Diagnostics.Tracing;
using MlObservability.Instrumentation;

namespace MlObservability.Generators.Tests.Runtime;

public sealed class ModelSinksTests
{
    [Test]
    public void Every_registration_of_a_model_receives_rows_and_predictions_until_disposed()
    {
        var endpoint = InstrumentedEndpoint.Get("sinks-fanout", null, "predict");
        var first = new RecordingInputSink();
        var second = new RecordingInputSink();
        var outputs = new RecordingOutputSink();

        var a = ModelSinks.Register("sinks-fanout", first, outputs);
        var b = ModelSinks.Register("sinks-fanout", second, null);
        endpoint.RecordFeatures([1.0, 2.0]);
        endpoint.RecordPrediction("cat", 0.9);
        a.Dispose();
        a.Dispose(); // idempotent
        endpoint.RecordFeatures([3f]);
        endpoint.RecordFeatures(new[] { new[] { 4.0 }, null, new[] { 5.0 } });
        b.Dispose();
        endpoint.RecordFeatures([6.0]);

        Assert.Multiple(() =>
        {
            Assert.That(first.Rows.ToArray(), Is.EqualTo(new[] { new[] { 1.0, 2.0 } }));
            Assert.That(second.Rows.ToArray(), Is.EqualTo(new[] { new[] { 1.0, 2.0 }, new[] { 3.0 }, new[] { 4.0 }, new[] { 5.0 } }));
            Assert.That(outputs.Predictions.ToArray(), Is.EqualTo(new[] { ("cat", 0.9) }));
            Assert.That(ModelSinks.IsRegistered("sinks-fanout"), Is.False);
        });
    }

    [Test]
    public void A_throwing_sink_is_reported_and_never_reaches_the_caller()
    {
        using var events = new InstrumentationEvents();
        var service = new InstrumentedShapeService(new ShapeService());
        var healthy = new RecordingOutputSink();
        using var broken = ModelSinks.Register("runtime-shapes", new ThrowingInputSink(), new ThrowingOutputSink());
        using var ok = ModelSinks.Register("runtime-shapes", null, healthy);

        var result = ((IShapeService)service).Predict([0.4]);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new SentimentResult("positive", 0.4)));
            Assert.That(healthy.Predictions.ToArray(), Is.EqualTo(new[] { ("positive", 0.4) }), "the other sinks still receive it");
            Assert.That(events.Ids, Has.Exactly(2).EqualTo(400));
        });
    }

    [Test]
    public void Configuration_errors_say_what_to_fix()
    {
        Assert.That(() => ModelSinks.Register(" ", null, null), Throws.ArgumentException.With.Message.Contains("non-empty"));
    }

    private sealed class ThrowingInputSink : IModelInputSink
    {
        public void RecordFeatures(ReadOnlySpan<double> features) => throw new InvalidOperationException("input sink broken");

        public void RecordFeatures(ReadOnlySpan<float> features) => throw new InvalidOperationException("input sink broken");
    }

    private sealed class ThrowingOutputSink : IModelOutputSink
    {
        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => throw new InvalidOperationException("output sink broken");

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => throw new InvalidOperationException("output sink broken");

        public void RecordRegression(double value, string? requestId = null) => throw new InvalidOperationException("output sink broken");
    }

    private sealed class InstrumentationEvents : EventListener
    {
        private readonly List<int> _ids = [];

        public int[] Ids
        {
            get
            {
                lock (_ids)
                {
                    return [.. _ids];
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId is >= 400 and < 500)
            {
                lock (_ids)
                {
                    _ids.Add(eventData.EventId);
                }
            }
        }
    }
}

public sealed class StreamCaptureTests
{
    [Test]
    public async Task Each_streamed_item_is_a_prediction_and_a_batch_parameter_is_one_row_per_item()
    {
        IPredictionStream stream = new InstrumentedPredictionStream(new PredictionStream());
        var inputs = new RecordingInputSink();
        var outputs = new RecordingOutputSink();
        using var registration = ModelSinks.Register("runtime-stream", inputs, outputs);
        using var recorder = new MetricRecorder("runtime-stream");

        var labels = new List<string>();
        await foreach (var item in stream.PredictAllAsync([[1.0, 2.0], [-1.0, 0.0]]))
        {
            labels.Add(item.PredictedLabel);
        }

        Assert.Multiple(() =>
        {
            Assert.That(labels, Is.EqualTo(new[] { "up", "down" }));
            Assert.That(inputs.Rows.ToArray(), Is.EqualTo(new[] { new[] { 1.0, 2.0 }, new[] { -1.0, 0.0 } }));
            Assert.That(outputs.Predictions.ToArray(), Is.EqualTo(new[] { ("up", 0.5), ("down", 0.5) }));
            Assert.That(InstrumentedEndpoint.Get("runtime-stream", "", "PredictAll").Metrics.RequestCount, Is.EqualTo(1));
            Assert.That(recorder.Sum("ml.inference.batch.size"), Is.EqualTo(2), "a [FeatureVector] batch sets the batch size");
            Assert.That(recorder.Count("ml.inference.batch.size"), Is.EqualTo(1));
        });
    }
}
