using MlObservability.Histograms;
using MlObservability.Inference;

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

using var metrics = new InferenceMetrics("smoke-model", "1.0", "/predict");
long start = metrics.Start();
metrics.RecordSuccess(start, batchSize: 4);
if (metrics.RequestCount != 1)
{
    Console.Error.WriteLine("package smoke test: the request was not counted");
    return 1;
}

Console.WriteLine($"package smoke test: OK (p99 {p99:F4}, requests {metrics.RequestCount})");
return 0;
