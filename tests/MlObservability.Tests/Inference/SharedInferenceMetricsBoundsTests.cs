using MlObservability.Inference;

namespace MlObservability.Tests.Inference;

/// <summary>Run-time model versions and endpoints are bounded: past the limit they share one overflow instance, counted.</summary>
public sealed class SharedInferenceMetricsBoundsTests
{
    [Test]
    public void Keys_past_the_limit_share_one_overflow_instance_tagged_other_and_are_counted()
    {
        var directory = new SharedInferenceMetrics.EndpointDirectory(capacity: 3);
        var created = new List<InferenceMetrics>();
        try
        {
            var own = Enumerable.Range(0, 3).Select(i => directory.SlotOf("bounds-model", "v" + i, "predict", bounded: true).Current).ToList();
            created.AddRange(own);
            var late = Enumerable.Range(3, 2_000).Select(i => directory.SlotOf("bounds-model", "v" + i, "predict", bounded: true).Current).Distinct().ToList();
            created.AddRange(late);

            Assert.Multiple(() =>
            {
                Assert.That(own.Select(m => m.ModelVersion), Is.EqualTo(new[] { "v0", "v1", "v2" }));
                Assert.That(late, Has.Count.EqualTo(1), "every key past the limit shares one instance");
                Assert.That(late[0].ModelName, Is.EqualTo("other"));
                Assert.That(late[0].ModelVersion, Is.EqualTo("other"));
                Assert.That(late[0].Endpoint, Is.EqualTo("other"));
                Assert.That(directory.Count, Is.EqualTo(3));
                Assert.That(directory.OverflowCount, Is.EqualTo(2_000));
                Assert.That(directory.SlotOf("bounds-model", "v1", "predict", bounded: true).Current, Is.SameAs(own[1]), "known keys keep their own metrics");
            });
        }
        finally
        {
            created.ForEach(m => m.Dispose());
        }
    }

    [Test]
    public void Published_metrics_of_configured_models_are_never_refused()
    {
        var directory = new SharedInferenceMetrics.EndpointDirectory(capacity: 1);
        using var first = directory.SlotOf("bounds-a", "1", "p", bounded: true).Current;
        var slot = directory.SlotOf("bounds-b", "1", "p", bounded: false);
        using var published = new InferenceMetrics("bounds-b", "1", "p");
        slot.Publish(published);

        Assert.Multiple(() =>
        {
            Assert.That(directory.SlotOf("bounds-b", "1", "p", bounded: true).Current, Is.SameAs(published));
            Assert.That(directory.OverflowCount, Is.Zero);
        });
    }

    [Test]
    public void The_process_wide_limit_is_stated()
    {
        Assert.That(SharedInferenceMetrics.MaxEndpoints, Is.InRange(1, 10_000));
    }
}
