namespace MlObservability.Drift;

/// <summary>The binned drift figures of one feature over one window.</summary>
/// <param name="Rows">Rows in the window (n).</param>
/// <param name="Psi">PSI over the bins, empty bins at epsilon.</param>
/// <param name="JensenShannon">Jensen-Shannon distance (natural log).</param>
/// <param name="KsD">Binned KS statistic: the largest gap between the cumulative fractions at the bin edges.</param>
/// <param name="KsLambda">D sqrt(n m / (n + m)).</param>
/// <param name="KsPValue">The asymptotic p-value of the binned D.</param>
/// <param name="KsCritical">The critical D at α.</param>
/// <param name="ChiSquare">Pearson chi-square over the bins that either side uses (expected at epsilon where the
/// reference is empty).</param>
/// <param name="CohensW">sqrt(chi-square / n).</param>
/// <param name="ChiSquareDf">Degrees of freedom: bins used minus one.</param>
/// <param name="ChiSquareCritical">The critical chi-square at α (Wilson-Hilferty).</param>
internal readonly record struct FleetDriftFigures(
    double Rows, double Psi, double JensenShannon, double KsD, double KsLambda, double KsPValue, double KsCritical,
    double ChiSquare, double CohensW, int ChiSquareDf, double ChiSquareCritical)
{
    public static FleetDriftFigures Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN);
}
