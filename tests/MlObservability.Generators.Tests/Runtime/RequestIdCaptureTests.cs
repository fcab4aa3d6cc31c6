using MlObservability.Instrumentation;

namespace MlObservability.Generators.Tests.Runtime;

/// <summary>A model service whose predictions are joined to late labels by request id.</summary>
[Instrumented("runtime-request-ids", ModelVersion = "1", Endpoint = "classify")]
public interface ILabelledService
{
    ValueTask<SentimentResult> ClassifyAsync([RequestId] string requestId, [FeatureVector] float[] features);

    ScoredClass Score(string notAnId, [RequestId] string requestId);
}

public sealed class LabelledService : ILabelledService
{
    public ValueTask<SentimentResult> ClassifyAsync(string requestId, float[] features) => new(new SentimentResult("positive", 0.8));

    public ScoredClass Score(string notAnId, string requestId) => new(2, 0.6f);
}

public sealed class RequestIdCaptureTests
{
    [Test]
    public async Task The_request_id_parameter_travels_with_the_captured_prediction()
    {
        var outputs = new RecordingOutputSink();
        using (ModelSinks.Register("runtime-request-ids", null, outputs))
        {
            ILabelledService service = new InstrumentedLabelledService(new LabelledService());
            await service.ClassifyAsync("req-17", [1f, 2f]);
            service.Score("ignored", "req-18");
        }

        Assert.Multiple(() =>
        {
            Assert.That(outputs.Predictions, Is.EqualTo(new[] { ("positive", 0.8), ("#2", (double)0.6f) }));
            Assert.That(outputs.RequestIds, Is.EqualTo(new[] { "req-17", "req-18" }), "the marked parameter, whatever its position");
        });
    }
}
