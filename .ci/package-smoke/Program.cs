using MlObservability.Histograms;
using MlObservability.Inference;
using MlObservability.Instrumentation;

// Uses the installed package the way the README's quick start does, and fails loudly if anything is off.
var histogram = new LogHistogram(LogHistogramOptions.Latency);
for (int i = 1; i <= 1000; i++)
{
    histogram.Record(i / 1000.0);
}

double p99 = histogram.Snapshot().GetQuantile(0.99);
if (Math.Abs(p99 - 0.99) > 0.99 * 0.01)
{
    Console.Error.WriteLine($"package smoke test: p99 {p99} is not within 1 % of 0.99");
    return 1;
}

// The [Instrumented] generator ships inside the package: InstrumentedScorer exists only if it ran.
IScorer scorer = new InstrumentedScorer(new Scorer());
double score = scorer.Score([0.5f, 0.25f]);
long requests = SharedInferenceMetrics.Get("smoke-model", "1.0", "score").RequestCount;
if (requests != 1 || Math.Abs(score - 0.75) > 1e-9)
{
    Console.Error.WriteLine($"package smoke test: the generated decorator recorded {requests} requests (expected 1)");
    return 1;
}

Console.WriteLine($"package smoke test: OK (p99 {p99:F4}, generated decorator recorded {requests} request)");
return 0;

/// <summary>A model service instrumented by the generator shipped in the package.</summary>
[Instrumented("smoke-model", ModelVersion = "1.0", Endpoint = "score")]
public interface IScorer
{
    /// <summary>Scores a row.</summary>
    double Score([FeatureVector] float[] features);
}

/// <summary>The undecorated implementation.</summary>
public sealed class Scorer : IScorer
{
    /// <inheritdoc/>
    public double Score(float[] features) => features.Sum();
}
