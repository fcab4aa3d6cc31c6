using MlObservability.Drift.Embedding;
using MlObservability.Instrumentation;

namespace MlObservability.Generators.Tests.Runtime;

/// <summary>A model with a feature row and embedding inputs (issue 17).</summary>
[Instrumented("runtime-embeddings", ModelVersion = "1", Endpoint = "rank")]
public interface IEmbeddingService
{
    ScoredClass Score([FeatureVector] float[] features, [FeatureVector(IsEmbedding = true, Name = "query_text")] float[] query, [FeatureVector(IsEmbedding = true)] ReadOnlyMemory<float> image);

    ScoredClass ScoreMany([FeatureVector(IsEmbedding = true, Name = "query_text")] float[][] queries);
}

public sealed class EmbeddingService : IEmbeddingService
{
    public ScoredClass Score(float[] features, float[] query, ReadOnlyMemory<float> image) => new(1, 0.9f);

    public ScoredClass ScoreMany(float[][] queries) => new(0, 0.5f);
}

public sealed class EmbeddingCaptureTests
{
    private sealed class RecordingSink : IModelInputSink, IModelEmbeddingSink
    {
        public List<float[]> Rows { get; } = [];

        public List<(string Name, float[] Vector)> Embeddings { get; } = [];

        public void RecordFeatures(ReadOnlySpan<double> features) => throw new InvalidOperationException("float rows expected");

        public void RecordFeatures(ReadOnlySpan<float> features) => Rows.Add(features.ToArray());

        public bool RecordEmbedding(string name, ReadOnlySpan<float> vector)
        {
            Embeddings.Add((name, vector.ToArray()));
            return true;
        }
    }

    [Test]
    public void Embedding_parameters_go_to_the_embedding_sinks_by_name_and_the_row_to_the_input_sinks()
    {
        var sink = new RecordingSink();
        using (ModelSinks.Register("runtime-embeddings", sink, null))
        {
            IEmbeddingService service = new InstrumentedEmbeddingService(new EmbeddingService());
            service.Score([1f, 2f], [0.5f, 0.25f], new float[] { 9f, 8f, 7f });
            service.ScoreMany([[1f], null!, [2f]]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(sink.Rows, Has.Count.EqualTo(1));
            Assert.That(sink.Rows[0], Is.EqualTo(new[] { 1f, 2f }), "the row, not an embedding");
            Assert.That(sink.Embeddings.Select(e => e.Name), Is.EqualTo(new[] { "query_text", "image", "query_text", "query_text" }), "Name, else the parameter name; a batch vector by vector, null skipped");
            Assert.That(sink.Embeddings[1].Vector, Is.EqualTo(new[] { 9f, 8f, 7f }));
        });
    }

    [Test]
    public void A_decorated_call_feeds_the_models_embedding_drift_detector()
    {
        var random = new Random(3);
        var reference = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var profile = EmbeddingDriftProfile.Fit("query_text", reference, new EmbeddingDriftOptions { ReferenceSampleSize = 30, WindowSize = 10, Permutations = 50, FalseAlarmRate = 0.02 });
        using var model = new ModelMonitor("runtime-embeddings", "1");
        var detector = new EmbeddingDriftDetector("runtime-embeddings", "1", profile);
        model.AddComponent(detector);
        IEmbeddingService service = new InstrumentedEmbeddingService(new EmbeddingService());

        service.Score([1f], [0.1f, 0.2f, 0.3f, 0.4f], new float[] { 1f });
        service.Score([1f], [0.1f, 0.2f], new float[] { 1f });

        Assert.Multiple(() =>
        {
            Assert.That(detector.InvalidRows, Is.EqualTo(1), "the 2-dimensional vector is rejected and counted by the detector");
            Assert.That(model.UnroutedEmbeddings, Is.EqualTo(2), "'image' has no detector: counted on the model");
        });
    }
}
