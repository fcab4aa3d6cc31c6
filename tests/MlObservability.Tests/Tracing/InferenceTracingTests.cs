using System.Diagnostics;
using MlObservability.Tracing;

namespace MlObservability.Tests.Tracing;

/// <summary>Inference spans without OpenTelemetry: a plain <see cref="ActivityListener"/> sees them.</summary>
[NonParallelizable]
public sealed class InferenceTracingTests
{
    private static ActivityListener Listen(List<Activity> stopped, ActivitySamplingResult sampling = ActivitySamplingResult.AllDataAndRecorded)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MlTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => sampling,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Test]
    public void Three_stage_spans_carry_model_batch_and_prediction_attributes()
    {
        var stopped = new List<Activity>();
        using (Listen(stopped))
        using (var request = new Activity("request").Start())
        {
            using (InferenceTracing.StartPreprocessing("fraud", "3"))
            {
            }

            using (var inferenceSpan = InferenceTracing.StartInference("fraud", "3", batchSize: 16))
            {
                InferenceTracing.SetPrediction(inferenceSpan, predictedClass: 1, confidence: 0.93);
            }

            using (var post = InferenceTracing.StartPostprocessing("fraud"))
            {
                InferenceTracing.SetPrediction(post, "fraudulent", 0.93);
            }
        }

        Assert.That(stopped.Select(a => a.OperationName), Is.EqualTo(new[] { "ml.preprocessing", "ml.inference", "ml.postprocessing" }));
        var inference = stopped[1];
        Assert.Multiple(() =>
        {
            Assert.That(stopped.All(a => a.Parent?.OperationName == "request"), Is.True, "spans nest under the caller's activity");
            Assert.That(inference.Source.Name, Is.EqualTo("MlObservability"));
            Assert.That(inference.GetTagItem("ml.model.name"), Is.EqualTo("fraud"));
            Assert.That(inference.GetTagItem("ml.model.version"), Is.EqualTo("3"));
            Assert.That(inference.GetTagItem("ml.batch.size"), Is.EqualTo(16));
            Assert.That(inference.GetTagItem("ml.prediction.class"), Is.EqualTo(1));
            Assert.That(inference.GetTagItem("ml.prediction.confidence"), Is.EqualTo(0.93));
            Assert.That(stopped[0].GetTagItem("ml.batch.size"), Is.Null, "preprocessing has no batch size");
            Assert.That(stopped[2].GetTagItem("ml.model.version"), Is.Null, "an unknown version is left out");
            Assert.That(stopped[2].GetTagItem("ml.prediction.class"), Is.EqualTo("fraudulent"));
        });
    }

    [Test]
    public void Errors_set_status_and_error_type()
    {
        var stopped = new List<Activity>();
        using (Listen(stopped))
        using (var span = InferenceTracing.StartInference("fraud"))
        {
            InferenceTracing.SetError(span, new TimeoutException("model took too long"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(stopped.Single().Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(stopped.Single().StatusDescription, Is.EqualTo("model took too long"));
            Assert.That(stopped.Single().GetTagItem("error.type"), Is.EqualTo("System.TimeoutException"));
        });
    }

    [Test]
    public void Without_a_listener_nothing_is_created_and_helpers_accept_null()
    {
        var span = InferenceTracing.StartInference("nobody-listens");
        Assert.That(span, Is.Null);
        Assert.DoesNotThrow(() =>
        {
            InferenceTracing.SetPrediction(span, 1, 0.5);
            InferenceTracing.SetPrediction(span, "x", 0.5);
            InferenceTracing.SetError(span, new InvalidOperationException());
        });
    }

    [Test]
    public void Propagation_only_sampling_skips_attributes()
    {
        var stopped = new List<Activity>();
        using (Listen(stopped, ActivitySamplingResult.PropagationData))
        using (var span = InferenceTracing.StartInference("fraud", "3", 4))
        {
            InferenceTracing.SetPrediction(span, 2, 0.4);
        }

        Assert.That(stopped.Single().TagObjects, Is.Empty);
    }
}
