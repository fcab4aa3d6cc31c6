using MlObservability.Inference;
using MlObservability.Instrumentation;

namespace MlObservability.Tests.Inference;

public sealed class SharedInferenceMetricsTests
{
    [Test]
    public void A_decorator_endpoint_records_into_the_metrics_a_host_published_for_the_same_endpoint()
    {
        var endpoint = InstrumentedEndpoint.Get("shared-model", "1", "predict");
        var before = endpoint.Metrics;
        using var hosts = new InferenceMetrics("shared-model", "1", "predict");
        using (SharedInferenceMetrics.Publish(hosts))
        {
            var call = endpoint.Start();
            endpoint.Succeeded(call);
            Assert.Multiple(() =>
            {
                Assert.That(endpoint.Metrics, Is.SameAs(hosts));
                Assert.That(hosts.RequestCount, Is.EqualTo(1), "the host's SLO tracker and alerts see decorator traffic");
                Assert.That(before.IsDisposed, Is.True, "the default instance stops publishing once replaced");
            });
        }

        Assert.That(endpoint.Metrics, Is.Not.SameAs(hosts), "withdrawn: the decorator falls back to its own metrics");
        Assert.That(SharedInferenceMetrics.Get("shared-model", "1", "predict"), Is.SameAs(endpoint.Metrics));
    }

    [Test]
    public void A_disposed_host_metrics_is_replaced_on_next_use()
    {
        var hosts = new InferenceMetrics("shared-disposed", "2", "score");
        var publication = SharedInferenceMetrics.Publish(hosts);
        hosts.Dispose();
        var current = SharedInferenceMetrics.Get("shared-disposed", "2", "score");
        Assert.That(current, Is.Not.SameAs(hosts));
        Assert.That(current.IsDisposed, Is.False);
        publication.Dispose();
    }
}
