namespace MlObservability.Drift;

/// <summary>How a <see cref="ReferenceProfile"/> is built.</summary>
public sealed class ReferenceProfileOptions
{
    /// <summary>The most values kept per numeric feature (a uniform reservoir sample); default 10,000, the largest size
    /// for which the KS test is exact. Memory per feature is 8 bytes per value.</summary>
    public int SampleSize { get; set; } = 10_000;

    /// <summary>The features to treat as categorical (category codes); all others are numeric.</summary>
    public ISet<string> CategoricalFeatures { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The most distinct categories kept per categorical feature; further codes are not stored (they will
    /// count as unseen in production). Default 1,000.</summary>
    public int MaxCategories { get; set; } = 1_000;

    /// <summary>Seed of the reservoir sampler, so the same data always gives the same profile. Default 20240601.</summary>
    public int Seed { get; set; } = 20240601;
}
