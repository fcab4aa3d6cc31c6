namespace MlObservability.Drift;

/// <summary>How a two-sample Kolmogorov-Smirnov p-value is computed (the <c>method</c> argument of
/// <c>scipy.stats.ks_2samp</c>).</summary>
public enum KsMethod
{
    /// <summary>scipy's <c>'auto'</c>: exact when both samples have at most
    /// <see cref="KolmogorovSmirnovTest.MaxExactSampleSize"/> values, asymptotic above.</summary>
    Auto = 0,

    /// <summary>scipy's <c>'exact'</c>: the exact null distribution of D at any sample size; where it cannot be computed
    /// in double precision (or the lattice is too large), the asymptotic one, as scipy does (it warns, the result's
    /// <see cref="KolmogorovSmirnovResult.IsExact"/> is <see langword="false"/>).</summary>
    Exact = 1,

    /// <summary>scipy's <c>'asymp'</c>: the Kolmogorov distribution (two-sided) or Hodges' approximation (one-sided)
    /// at any sample size; D is not rounded to the lattice.</summary>
    Asymptotic = 2,
}
