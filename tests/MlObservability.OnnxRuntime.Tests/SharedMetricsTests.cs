using Microsoft.ML.OnnxRuntime;
using MlObservability.Inference;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>A session that records into a host's metrics, so the host's SLO tracker and alert rules see its runs.</summary>
public sealed class SharedMetricsTests
{
    private sealed class CountingObserver : IInferenceObserver
    {
        public int Count;

        public void OnInference(in InferenceRecord record) => Interlocked.Increment(ref Count);
    }

    [Test]
    public void Runs_are_recorded_into_the_given_metrics_which_the_session_does_not_dispose()
    {
        using var hostMetrics = new InferenceMetrics("wine-shared-" + Guid.NewGuid().ToString("N")[..6], "3", "predict");
        var slo = new CountingObserver();
        using var subscription = hostMetrics.Subscribe(slo);
        var rows = TestModels.WineRows();

        using (var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions { SharedMetrics = hostMetrics, WarmUpRuns = 0 }))
        {
            using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
            using var results = session.Run(null, ["features"], [input], ["probabilities"]);

            Assert.Multiple(() =>
            {
                Assert.That(session.Metrics, Is.SameAs(hostMetrics));
                Assert.That(session.ModelName, Is.EqualTo(hostMetrics.ModelName), "names come from the shared metrics");
                Assert.That(session.ModelVersion, Is.EqualTo("3"));
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(hostMetrics.RequestCount, Is.EqualTo(1));
            Assert.That(slo.Count, Is.EqualTo(1), "the host's observers (its SLO tracker) saw the run");
            Assert.That(hostMetrics.IsDisposed, Is.False, "the session does not own the host's metrics");
        });
    }
}
