using System.Globalization;
using MlObservability.Drift;
using MlObservability.Slo;

namespace MlObservability.MonitoringAsCode;

/// <summary>
/// How the generated fleet rules (<see cref="FleetRuleGenerator"/>) compute drift across replicas from the fleet
/// counters of <see cref="DriftMonitor"/>: the windows, the significance level, PSI's epsilon, the fewest rows a window
/// needs before it may alert, and the effect-size thresholds (the in-process engine's defaults). Validated when the
/// rules are generated.
/// </summary>
public sealed class FleetDriftDefinition
{
    /// <summary>The windows the fleet figures are recorded over; default 1 hour and 24 hours.</summary>
    public IReadOnlyList<TimeSpan> Windows { get; init; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(24)];

    /// <summary>The window the fleet drift alerts read (one of <see cref="Windows"/>); default 1 hour.</summary>
    public TimeSpan AlertWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The significance level of the recorded KS and chi-square critical values; default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>The proportion PSI and chi-square give an empty bin; default 0.0001, as in process.</summary>
    public double PsiEpsilon { get; init; } = PopulationStabilityIndex.DefaultEpsilon;

    /// <summary>The fewest rows (summed over replicas) in <see cref="AlertWindow"/> before a feature may alert;
    /// default 100, the in-process <see cref="DriftMonitorOptions.MinimumSamples"/>.</summary>
    public long MinimumRows { get; init; } = 100;

    /// <summary>PSI thresholds (every feature); default 0.10 / 0.20 / 0.25.</summary>
    public DriftThresholds Psi { get; init; } = DriftThresholds.Psi;

    /// <summary>Binned KS D thresholds (numeric features and the score); default 0.10 / 0.15 / 0.25.</summary>
    public DriftThresholds KolmogorovSmirnov { get; init; } = DriftThresholds.KolmogorovSmirnov;

    /// <summary>Cohen's w thresholds of the chi-square test (categorical features); default 0.10 / 0.30 / 0.50.</summary>
    public DriftThresholds ChiSquare { get; init; } = DriftThresholds.ChiSquare;

    internal void Validate(string modelName)
    {
        string Where(string what) => $"FleetDriftDefinition.{what} of model '{modelName}'";
        if (Windows is null || Windows.Count == 0 || Windows.Any(w => w < TimeSpan.FromMinutes(1) || w.Ticks % TimeSpan.TicksPerMinute != 0))
        {
            throw new ArgumentException($"{Where(nameof(Windows))} must list at least one window of whole minutes, 1m or more.");
        }

        if (Windows.Select(BurnRateWindowPair.FormatWindow).Distinct().Count() != Windows.Count)
        {
            throw new ArgumentException($"{Where(nameof(Windows))} lists a window twice.");
        }

        if (!Windows.Contains(AlertWindow))
        {
            throw new ArgumentException($"{Where(nameof(AlertWindow))} ({BurnRateWindowPair.FormatWindow(AlertWindow)}) must be one of the windows ({string.Join(", ", Windows.Select(BurnRateWindowPair.FormatWindow))}).");
        }

        if (!(Alpha > 0 && Alpha < 0.5))
        {
            throw new ArgumentException($"{Where(nameof(Alpha))} must be between 0 and 0.5; got {Alpha.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(PsiEpsilon >= 1e-12 && PsiEpsilon <= 0.1))
        {
            throw new ArgumentException($"{Where(nameof(PsiEpsilon))} must be between 1e-12 and 0.1; got {PsiEpsilon.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (MinimumRows < 1)
        {
            throw new ArgumentException($"{Where(nameof(MinimumRows))} must be at least 1; got {MinimumRows}.");
        }

        Psi.Validate(Where(nameof(Psi)));
        KolmogorovSmirnov.Validate(Where(nameof(KolmogorovSmirnov)));
        ChiSquare.Validate(Where(nameof(ChiSquare)));
    }
}
