namespace MlObservability.Drift;

/// <summary>
/// Effect-size thresholds that map a drift score to a <see cref="Severity"/>: a score at or above
/// <see cref="Critical"/> is critical, else at or above <see cref="Warning"/> a warning, else at or above
/// <see cref="Info"/> info, else none. Scores, not p-values, decide: with thousands of samples every p-value is tiny.
/// </summary>
/// <param name="Info">The info threshold.</param>
/// <param name="Warning">The warning threshold.</param>
/// <param name="Critical">The critical threshold.</param>
public sealed record DriftThresholds(double Info, double Warning, double Critical)
{
    /// <summary>KS D: 0.10 / 0.15 / 0.25.</summary>
    public static DriftThresholds KolmogorovSmirnov { get; } = new(0.10, 0.15, 0.25);

    /// <summary>PSI: 0.10 / 0.20 / 0.25.</summary>
    public static DriftThresholds Psi { get; } = new(0.10, 0.20, 0.25);

    /// <summary>Jensen-Shannon distance (natural log): 0.10 / 0.15 / 0.20.</summary>
    public static DriftThresholds JensenShannon { get; } = new(0.10, 0.15, 0.20);

    /// <summary>Normalised Wasserstein distance (in reference standard deviations): 0.10 / 0.20 / 0.30.</summary>
    public static DriftThresholds Wasserstein { get; } = new(0.10, 0.20, 0.30);

    /// <summary>Chi-square effect size Cohen's w: 0.10 / 0.30 / 0.50 (Cohen's small / medium / large).</summary>
    public static DriftThresholds ChiSquare { get; } = new(0.10, 0.30, 0.50);

    /// <summary>The default thresholds of a method.</summary>
    /// <param name="method">A single method.</param>
    /// <returns>The thresholds.</returns>
    public static DriftThresholds DefaultFor(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov => KolmogorovSmirnov,
        DriftMethod.Psi => Psi,
        DriftMethod.JensenShannon => JensenShannon,
        DriftMethod.Wasserstein => Wasserstein,
        DriftMethod.ChiSquare => ChiSquare,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Thresholds exist for single drift methods only."),
    };

    /// <summary>The severity of a score.</summary>
    /// <param name="score">The effect size.</param>
    /// <returns>The severity; <see cref="Severity.None"/> for NaN.</returns>
    public Severity Classify(double score) =>
        score >= Critical ? Severity.Critical : score >= Warning ? Severity.Warning : score >= Info ? Severity.Info : Severity.None;

    /// <summary>The threshold that belongs to a severity (the info threshold for <see cref="Severity.None"/>).</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The threshold.</returns>
    public double ThresholdOf(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.Warning => Warning,
        _ => Info,
    };

    internal void Validate(string what)
    {
        if (!(Info > 0 && Info <= Warning && Warning <= Critical) || !double.IsFinite(Critical))
        {
            throw new ArgumentException($"Drift thresholds for {what} must be finite with 0 < info <= warning <= critical; got {Info} / {Warning} / {Critical}.");
        }
    }
}
