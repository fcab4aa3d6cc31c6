using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>
/// One model-level drift score (Vertex AI and Azure ML call it attribution drift): the importance-weighted mean of the
/// per-feature effect sizes of one method, Σ wᵢ·sᵢ / Σ wᵢ over the features that have both a result and an importance
/// (mean |SHAP| from training, say). A feature without an importance weighs nothing. Exported as
/// <c>ml.drift.model_score</c> with a <c>drift.model</c> event whose summary names the largest contributors.
/// </summary>
public sealed class ModelDriftScorer : IMonitoringEvaluator, IDisposable
{
    private readonly string _modelName;
    private readonly string _modelVersion;
    private readonly Func<IReadOnlyList<FeatureDriftResult>> _results;
    private readonly Dictionary<string, double> _importances;
    private readonly DriftMethod _method;
    private readonly DriftThresholds _thresholds;
    private readonly IMonitoringEventSink? _sink;
    private readonly Dictionary<string, string> _labels;
    private double _score = double.NaN;
    private Severity _severity;

    /// <summary>Creates a scorer over a drift monitor's latest results and registers its gauge.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version (may be empty).</param>
    /// <param name="results">Reads the latest per-feature results (for example <c>() =&gt; monitor.LatestResults</c>).</param>
    /// <param name="importances">Feature name to a non-negative, finite importance; at least one positive.</param>
    /// <param name="options">Method and thresholds; defaults when <see langword="null"/>.</param>
    /// <param name="sink">Where events go (the alert engine); none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Importances are empty, negative or not finite, or the method is not a single test.</exception>
    public ModelDriftScorer(string modelName, string modelVersion, Func<IReadOnlyList<FeatureDriftResult>> results, IReadOnlyDictionary<string, double> importances, ModelDriftScoreOptions? options = null, IMonitoringEventSink? sink = null)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        Guard.NotNull(modelVersion);
        Guard.NotNull(results);
        Guard.NotNull(importances);
        options ??= new ModelDriftScoreOptions();
        ValidateImportances(importances);
        if (!importances.Values.Any(v => v > 0))
        {
            throw new ArgumentException("Model drift score: at least one feature importance must be positive.", nameof(importances));
        }

        _thresholds = options.Thresholds ?? DriftThresholds.DefaultFor(options.Method);
        _thresholds.Validate("the model drift score");
        _modelName = modelName;
        _modelVersion = modelVersion;
        _results = results;
        _importances = new Dictionary<string, double>(importances, StringComparer.Ordinal);
        _method = options.Method;
        _sink = sink;
        _labels = new(StringComparer.Ordinal) { ["method"] = DriftMethodNames.Of(_method) };
        Tags = [new(SemanticConventions.ModelName, modelName), new(SemanticConventions.ModelVersion, modelVersion), new(SemanticConventions.DriftMethod, DriftMethodNames.Of(_method))];
        ModelDriftScoreInstruments.Register(this);
    }

    /// <inheritdoc/>
    public string EvaluatorName => "drift:model_score";

    /// <summary>The last score (NaN before the first evaluation with results).</summary>
    public double Score => Volatile.Read(ref _score);

    /// <summary>The severity of the last score.</summary>
    public Severity Severity => _severity;

    internal KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The importance-weighted mean of the method's per-feature scores; NaN when no feature has both.</summary>
    /// <param name="results">Per-feature results.</param>
    /// <param name="importances">Feature name to importance.</param>
    /// <param name="method">The method whose scores are combined.</param>
    /// <returns>Σ wᵢ·sᵢ / Σ wᵢ.</returns>
    public static double Compute(IEnumerable<FeatureDriftResult> results, IReadOnlyDictionary<string, double> importances, DriftMethod method)
    {
        Guard.NotNull(results);
        Guard.NotNull(importances);
        double weighted = 0, weights = 0;
        foreach (var r in results)
        {
            if (r.Method == method && importances.TryGetValue(r.Feature, out var w) && w > 0 && double.IsFinite(r.Score))
            {
                weighted += w * r.Score;
                weights += w;
            }
        }

        return weights > 0 ? weighted / weights : double.NaN;
    }

    /// <summary>Computes the score from the latest results and raises a <c>drift.model</c> event.</summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now)
    {
        var results = _results();
        var score = Compute(results, _importances, _method);
        if (double.IsNaN(score))
        {
            return;
        }

        var severity = _thresholds.Classify(score);
        Volatile.Write(ref _score, score);
        _severity = severity;
        var top = results
            .Where(r => r.Method == _method && _importances.TryGetValue(r.Feature, out var w) && w > 0)
            .OrderByDescending(r => _importances[r.Feature] * r.Score)
            .Take(3)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Feature} {r.Score:F3} x {_importances[r.Feature]:G3}"));
        DetectorEventPublisher.Publish(_sink, EvaluatorName, new MonitoringEvent
        {
            Kind = ModelDriftScoreInstruments.EventKind,
            ModelName = _modelName,
            ModelVersion = _modelVersion,
            Severity = severity,
            Value = score,
            Threshold = _thresholds.ThresholdOf(severity),
            Labels = _labels,
            Summary = string.Create(CultureInfo.InvariantCulture, $"Importance-weighted {DriftMethodNames.Of(_method)} drift of {_modelName} = {score:F4}: {severity.ToString().ToLowerInvariant()}; largest contributions: {string.Join(", ", top)}."),
            Timestamp = now,
        });
    }

    /// <summary>Unregisters the gauge.</summary>
    public void Dispose() => ModelDriftScoreInstruments.Unregister(this);

    internal static void ValidateImportances(IReadOnlyDictionary<string, double> importances)
    {
        foreach (var (feature, w) in importances)
        {
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ArgumentException($"The importance of feature '{feature}' must be a finite, non-negative number; got {w}.", nameof(importances));
            }
        }
    }
}
