namespace MlObservability.Drift;

/// <summary>The outcome of a two-sample Kolmogorov-Smirnov test.</summary>
/// <param name="Statistic">The statistic D, the largest (signed, for one-sided alternatives) gap between the two
/// empirical CDFs; it is also the effect size the drift thresholds compare with.</param>
/// <param name="PValue">The p-value under the chosen alternative.</param>
/// <param name="IsExact"><see langword="true"/> when the p-value comes from the exact distribution, <see langword="false"/>
/// when from the asymptotic one.</param>
public readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue, bool IsExact);
