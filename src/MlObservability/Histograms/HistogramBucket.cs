namespace MlObservability.Histograms;

/// <summary>One non-empty bucket of a <see cref="HistogramSnapshot"/>: values in [<see cref="LowerBound"/>, <see cref="UpperBound"/>).</summary>
/// <param name="LowerBound">Inclusive lower bound (for negative buckets, the more negative end).</param>
/// <param name="UpperBound">Exclusive upper bound.</param>
/// <param name="Count">Number of values in the bucket.</param>
public readonly record struct HistogramBucket(double LowerBound, double UpperBound, long Count);
