namespace MlObservability.Drift;

/// <summary>
/// The reference (training-time) summary of one feature: counts, range, moments, and either a sorted sample capped at
/// a configured size (numeric features) or the category frequencies (categorical features). Immutable.
/// </summary>
public sealed class FeatureProfile
{
    private readonly double[] _sample;
    private readonly double[] _categoryValues;
    private readonly long[] _categoryCounts;

    internal FeatureProfile(
        string name, FeatureKind kind, long count, long missingCount, double min, double max, double mean, double standardDeviation,
        double[] sortedSample, double[] categoryValues, long[] categoryCounts)
    {
        Name = name;
        Kind = kind;
        Count = count;
        MissingCount = missingCount;
        Min = min;
        Max = max;
        Mean = mean;
        StandardDeviation = standardDeviation;
        _sample = sortedSample;
        _categoryValues = categoryValues;
        _categoryCounts = categoryCounts;
    }

    /// <summary>The feature name.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public FeatureKind Kind { get; }

    /// <summary>The number of valid (finite) reference values.</summary>
    public long Count { get; }

    /// <summary>The number of missing (NaN, infinite or unparseable) reference values.</summary>
    public long MissingCount { get; }

    /// <summary>The share of reference values that were missing.</summary>
    public double MissingRate => Count + MissingCount == 0 ? 0 : (double)MissingCount / (Count + MissingCount);

    /// <summary>The smallest reference value (NaN when there was none).</summary>
    public double Min { get; }

    /// <summary>The largest reference value (NaN when there was none).</summary>
    public double Max { get; }

    /// <summary>The mean of the reference values (NaN when there was none).</summary>
    public double Mean { get; }

    /// <summary>The population standard deviation of the reference values (NaN when there was none).</summary>
    public double StandardDeviation { get; }

    /// <summary>A uniform random sample of the reference values, sorted ascending, capped at the builder's sample size
    /// (all values when there were fewer). Empty for categorical features.</summary>
    public ReadOnlySpan<double> SortedSample => _sample;

    /// <summary>The category codes seen in the reference, ascending (categorical features).</summary>
    public ReadOnlySpan<double> CategoryValues => _categoryValues;

    /// <summary>The reference count of each category, aligned with <see cref="CategoryValues"/>.</summary>
    public ReadOnlySpan<long> CategoryCounts => _categoryCounts;

    /// <summary>Whether the reference holds any value to compare with.</summary>
    public bool IsEmpty => Kind == FeatureKind.Numeric ? _sample.Length == 0 : _categoryValues.Length == 0;

    internal double[] SampleArray => _sample;

    internal double[] CategoryValueArray => _categoryValues;

    internal long[] CategoryCountArray => _categoryCounts;
}
