using MlObservability.Drift;
using MlObservability.Instrumentation;

namespace MlObservability.Tests.Instrumentation;

/// <summary>Issue 20, item 11: an empty feature array from a client is counted as wrong_length, like any row of the wrong width.</summary>
public sealed class EmptyRowTests
{
    [Test]
    public void An_empty_row_through_a_decorator_endpoint_is_counted_as_wrong_length()
    {
        var profile = new ReferenceProfileBuilder(["a", "b"]);
        for (int i = 0; i < 20; i++)
        {
            profile.AddRow([i, i]);
        }

        using var model = new ModelMonitor("empty-row-model", "1", "predict");
        var drift = new DriftMonitor("empty-row-model", "1", profile.Build());
        model.AddComponent(drift);
        var endpoint = InstrumentedEndpoint.Get("empty-row-model", "1", "predict");

        endpoint.RecordFeatures(ReadOnlySpan<float>.Empty);
        endpoint.RecordFeatures(Array.Empty<double>());
        endpoint.RecordFeatures(new double[]?[] { null, [] });   // a null row in a batch is skipped, an empty one counted
        endpoint.RecordFeatures([1.0, 2.0, 3.0]);

        Assert.That(drift.GetInvalidCount(string.Empty, DataQualityReason.WrongLength), Is.EqualTo(4));
        Assert.That(drift.LastWrongRowWidth, Is.EqualTo(3));
    }
}
