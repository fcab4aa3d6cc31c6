using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>Model info, creation and warm-up gauges, and the span per run.</summary>
public sealed class SessionTelemetryTests
{
    [Test]
    public void Model_info_creation_and_warm_up_are_published_for_a_created_session()
    {
        string name = "info-" + Guid.NewGuid().ToString("N")[..8];
        using var metrics = new MetricRecorder(name);
        using var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions { ModelName = name, WarmUpRuns = 2 });
        metrics.Observe();

        var info = metrics.Of("ml.onnx.model.info").Single();
        Assert.Multiple(() =>
        {
            Assert.That(info.Value, Is.EqualTo(1));
            Assert.That(info.Tags[SemanticConventions.ModelVersion], Is.EqualTo("3"), "the model version comes from the model");
            Assert.That(info.Tags["ml.onnx.producer"], Is.EqualTo("mlobservability-build_model.py"));
            Assert.That(info.Tags["ml.onnx.graph"], Is.EqualTo("wine_mlp"));
            Assert.That(info.Tags["ml.onnx.domain"], Is.EqualTo("org.mlobservability.tests"));
            Assert.That(info.Tags[SemanticConventions.OnnxProvider], Is.EqualTo("CPUExecutionProvider"));
            Assert.That(info.Tags["ml.onnx.metadata.class_names"], Is.EqualTo("class_0,class_1,class_2"));
            Assert.That(info.Tags["ml.onnx.metadata.training_accuracy"], Is.EqualTo("1.0000"));
            Assert.That(metrics.Of("ml.onnx.session.creation.duration").Single().Value, Is.GreaterThan(0));
            Assert.That(metrics.Of("ml.onnx.session.warmup.duration").Single().Value, Is.GreaterThan(0));
            Assert.That(session.CreationTime, Is.Not.Null);
            Assert.That(session.WarmUpTime, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(session.Metrics.RequestCount, Is.Zero, "warm-up runs are not requests");
        });
    }

    [Test]
    public void Wrapped_session_has_no_creation_time_and_is_unregistered_on_dispose()
    {
        string name = "wrapped-" + Guid.NewGuid().ToString("N")[..8];
        using var metrics = new MetricRecorder(name);
        using var inner = new InferenceSession(TestModels.WinePath);
        var session = inner.Instrument(new InstrumentedSessionOptions { ModelName = name });
        metrics.Observe();
        int infoWhileLive = metrics.Of("ml.onnx.model.info").Count();
        int creation = metrics.Of("ml.onnx.session.creation.duration").Count();
        session.Dispose();
        metrics.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(infoWhileLive, Is.EqualTo(1));
            Assert.That(creation, Is.Zero);
            Assert.That(session.ActiveProvider, Is.EqualTo("CPUExecutionProvider"), "the CPU build has only the CPU provider");
            Assert.That(metrics.Of("ml.onnx.model.info").Count(), Is.EqualTo(1), "nothing more once disposed");
        });

        // The wrapped session stays usable: it belongs to the caller.
        using var input = OrtValue.CreateTensorValueFromMemory(new float[TestModels.WineFeatures], [1, TestModels.WineFeatures]);
        using var runOptions = new RunOptions();
        using var results = inner.Run(runOptions, ["features"], [input], ["probabilities"]);
        Assert.That(results, Has.Count.EqualTo(1));
    }

    [Test]
    public void Each_run_starts_a_span_with_model_batch_size_and_provider()
    {
        string name = "span-" + Guid.NewGuid().ToString("N")[..8];
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OnnxRuntimeTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions { ModelName = name, WarmUpRuns = 0 });
        using var input = OrtValue.CreateTensorValueFromMemory(new float[3 * TestModels.WineFeatures], [3, TestModels.WineFeatures]);
        using (var results = session.Run(null, ["features"], [input], ["probabilities"]))
        {
        }

        using var bad = OrtValue.CreateTensorValueFromMemory(new float[4], [1, 4]);
        Assert.Throws<OnnxRuntimeException>(() => session.Run(null, ["features"], [bad], ["probabilities"]));

        Activity[] mine;
        lock (spans)
        {
            mine = spans.Where(s => (string?)s.GetTagItem(SemanticConventions.ModelName) == name).ToArray();
        }

        Assert.Multiple(() =>
        {
            Assert.That(mine, Has.Length.EqualTo(2));
            Assert.That(mine[0].OperationName, Is.EqualTo("onnx.run"));
            Assert.That(mine[0].GetTagItem(SemanticConventions.BatchSize), Is.EqualTo(3));
            Assert.That(mine[0].GetTagItem(SemanticConventions.OnnxProvider), Is.EqualTo("CPUExecutionProvider"));
            Assert.That(mine[0].GetTagItem(SemanticConventions.ModelVersion), Is.EqualTo("3"));
            Assert.That(mine[1].Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(mine[1].GetTagItem(SemanticConventions.ErrorType), Is.EqualTo("InvalidArgument"));
        });
    }
}
