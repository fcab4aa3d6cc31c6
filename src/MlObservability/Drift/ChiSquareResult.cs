namespace MlObservability.Drift;

/// <summary>The outcome of a chi-square goodness-of-fit test.</summary>
/// <param name="Statistic">The chi-square statistic.</param>
/// <param name="PValue">The p-value.</param>
/// <param name="DegreesOfFreedom">Categories minus one.</param>
/// <param name="EffectSize">Cohen's w, sqrt(statistic / n).</param>
internal readonly record struct ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom, double EffectSize);
