namespace MlObservability.Drift;

/// <summary>The alternative hypothesis of a two-sample Kolmogorov-Smirnov test (as in <c>scipy.stats.ks_2samp</c>).</summary>
public enum KsAlternative
{
    /// <summary>The two distributions differ: D = max |F1 - F2|.</summary>
    TwoSided = 0,

    /// <summary>The first sample's CDF lies below the second's somewhere: D = max (F2 - F1), clipped at 0.</summary>
    Less = 1,

    /// <summary>The first sample's CDF lies above the second's somewhere: D = max (F1 - F2).</summary>
    Greater = 2,
}
