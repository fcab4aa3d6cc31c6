namespace MlObservability.Drift;

/// <summary>The drift tests a monitor can run; combine with <c>|</c>.</summary>
[Flags]
public enum DriftMethod
{
    /// <summary>No test.</summary>
    None = 0,

    /// <summary>Two-sample Kolmogorov-Smirnov (numeric): effect size D, with a p-value. Tag value <c>ks</c>.</summary>
    KolmogorovSmirnov = 1,

    /// <summary>Population Stability Index over reference-quantile (or equal-width) bins, or over category frequencies.
    /// Tag value <c>psi</c>.</summary>
    Psi = 2,

    /// <summary>Jensen-Shannon distance over the PSI bins or categories. Tag value <c>jensen_shannon</c>.</summary>
    JensenShannon = 4,

    /// <summary>Wasserstein distance divided by the reference standard deviation (numeric). Tag value <c>wasserstein</c>.</summary>
    Wasserstein = 8,

    /// <summary>Pearson chi-square goodness of fit (categorical): effect size Cohen's w, with a p-value. Tag value
    /// <c>chi_square</c>.</summary>
    ChiSquare = 16,
}
