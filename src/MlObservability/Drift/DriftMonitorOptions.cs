namespace MlObservability.Drift;

/// <summary>Configuration of a <see cref="DriftMonitor"/>; validated once when the monitor is created.</summary>
public sealed class DriftMonitorOptions
{
    private readonly Dictionary<(string Feature, DriftMethod Method), DriftThresholds> _featureThresholds = [];
    private readonly Dictionary<DriftMethod, DriftThresholds> _methodThresholds = [];

    /// <summary>How traffic is grouped into windows; count-based tumbling by default.</summary>
    public DriftWindowKind WindowKind { get; set; } = DriftWindowKind.CountTumbling;

    /// <summary>Rows per tumbling window (and predictions per prediction window); default 1,000.</summary>
    public int WindowSize { get; set; } = 1_000;

    /// <summary>The span of a time-sliding window; default one hour.</summary>
    public TimeSpan SlidingWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Slices of a time-sliding window; the window advances one slice at a time. Default 6.</summary>
    public int SlidingSlices { get; set; } = 6;

    /// <summary>The most rows kept per slice of a time-sliding window; default 1,000.</summary>
    public int MaxRowsPerSlice { get; set; } = 1_000;

    /// <summary>The fewest valid values a time-sliding window needs before it is tested; default 100.</summary>
    public int MinimumSamples { get; set; } = 100;

    /// <summary>Tests run on numeric features; KS and PSI by default.</summary>
    public DriftMethod NumericMethods { get; set; } = DriftMethod.KolmogorovSmirnov | DriftMethod.Psi;

    /// <summary>Tests run on categorical features; chi-square and PSI by default.</summary>
    public DriftMethod CategoricalMethods { get; set; } = DriftMethod.ChiSquare | DriftMethod.Psi;

    /// <summary>Tests run on the score (confidence) distribution; KS and PSI by default.</summary>
    public DriftMethod ScoreMethods { get; set; } = DriftMethod.KolmogorovSmirnov | DriftMethod.Psi;

    /// <summary>Tests run on the predicted-class distribution; chi-square and PSI by default.</summary>
    public DriftMethod PredictedClassMethods { get; set; } = DriftMethod.ChiSquare | DriftMethod.Psi;

    /// <summary>
    /// Class names by index (index i is <c>ClassLabels[i]</c>, as in the quality monitor's settings). With them, a
    /// classification recorded by label (an <c>IPredictionResult</c>) is tested as a predicted class too, not only by its
    /// confidence; a label not in the list is counted (<c>unseen_category</c> of the predicted class). Default none.
    /// </summary>
    public IReadOnlyList<string>? ClassLabels { get; set; }

    /// <summary>PSI (and Jensen-Shannon) bins for numeric features; default 10.</summary>
    public int PsiBins { get; set; } = 10;

    /// <summary>Bin numeric features at reference quantiles (default) or at equal widths between the reference min and max.</summary>
    public bool PsiEqualWidthBins { get; set; }

    /// <summary>The proportion given to an empty bin in PSI; default 0.0001.</summary>
    public double PsiEpsilon { get; set; } = PopulationStabilityIndex.DefaultEpsilon;

    /// <summary>When the profile has no score or class reference, the first this many production predictions become the
    /// reference; default 1,000.</summary>
    public int PredictionReferenceSize { get; set; } = 1_000;

    /// <summary>Evaluate on the thread pool as soon as a tumbling window fills (in addition to scheduled
    /// <see cref="DriftMonitor.Evaluate"/> calls); default <see langword="true"/>.</summary>
    public bool EvaluateOnWindowCompletion { get; set; } = true;

    /// <summary>
    /// The share of one core that evaluations started by filled windows may use on average (wall time of evaluation
    /// per second), in (0, 1]; default 0.1. Past it, a filled window waits for the evaluator, and rows that arrive while
    /// both windows are full are skipped and counted (<c>ml_drift_rows_total{outcome="skipped"}</c>, postponed
    /// evaluations in <c>ml_drift_evaluations_deferred_total</c>): drift is then tested on a sample of the traffic
    /// instead of taking a core from the service. Up to 2 seconds' worth may run back to back after a quiet period.
    /// 1 never postpones. Scheduled <see cref="DriftMonitor.Evaluate"/> calls are not limited.
    /// </summary>
    public double MaxEvaluationShare { get; set; } = DefaultMaxEvaluationShare;

    /// <summary>The default of <see cref="MaxEvaluationShare"/>: 0.1, a tenth of one core.</summary>
    public const double DefaultMaxEvaluationShare = 0.1;

    /// <summary>The most fleet bins a feature may have: 50.</summary>
    public const int MaxFleetBins = 50;

    /// <summary>Bins of the fleet counters of each numeric feature and of the model score, at the reference quantiles
    /// (deciles by default: 10); 2 to <see cref="MaxFleetBins"/>. Each bin is one Prometheus series per feature, plus one
    /// for <c>le="+Inf"</c> (see docs/fleet.md).</summary>
    public int FleetBins { get; set; } = 10;

    /// <summary>The features that get fleet counters (<see cref="ReferenceProfile.ScoreName"/> for the model score);
    /// every feature and the score when <see langword="null"/> (the default), none when empty. Categorical features
    /// with more than <see cref="MaxFleetBins"/> - 1 reference categories are left out of the default. An unknown
    /// name fails when the monitor is created.</summary>
    public IReadOnlyList<string>? FleetFeatures { get; set; }

    /// <summary>The significance level α of the Kolmogorov-Smirnov p-values the monitor reports (default 0.05), in (0, 1).
    /// Severities come from the effect-size thresholds (D), not from p; α decides where the exact p-value is worth its
    /// cost: the asymptotic p-value is computed first, and the exact one (as scipy's <c>method='auto'</c>) only when the
    /// asymptotic one is within a factor of 4 of α, where the two could fall on different sides of it (docs/drift.md).</summary>
    public double SignificanceLevel { get; set; } = 0.05;

    /// <summary>Replaces the default thresholds of a method for every feature.</summary>
    /// <param name="method">A single method.</param>
    /// <param name="thresholds">The thresholds.</param>
    /// <returns>These options.</returns>
    public DriftMonitorOptions SetThresholds(DriftMethod method, DriftThresholds thresholds)
    {
        _ = DriftThresholds.DefaultFor(method);
        thresholds.Validate(DriftMethodNames.Of(method));
        _methodThresholds[method] = thresholds;
        return this;
    }

    /// <summary>Sets the thresholds of one method for one feature (or <see cref="ReferenceProfile.ScoreName"/> /
    /// <see cref="ReferenceProfile.PredictedClassName"/> for outputs). An unknown feature name fails when the monitor is
    /// created.</summary>
    /// <param name="feature">The feature name.</param>
    /// <param name="method">A single method.</param>
    /// <param name="thresholds">The thresholds.</param>
    /// <returns>These options.</returns>
    public DriftMonitorOptions SetThresholds(string feature, DriftMethod method, DriftThresholds thresholds)
    {
        _ = DriftThresholds.DefaultFor(method);
        thresholds.Validate($"{feature}/{DriftMethodNames.Of(method)}");
        _featureThresholds[(feature, method)] = thresholds;
        return this;
    }

    internal IEnumerable<string> FeaturesWithThresholds => _featureThresholds.Keys.Select(k => k.Feature).Distinct();

    internal DriftThresholds ThresholdsFor(string feature, DriftMethod method) =>
        _featureThresholds.TryGetValue((feature, method), out var t) ? t
        : _methodThresholds.TryGetValue(method, out var m) ? m
        : DriftThresholds.DefaultFor(method);
}
