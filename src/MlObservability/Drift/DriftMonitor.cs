using System.Collections.Frozen;
using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>
/// Streaming drift detection for one model: compares production feature rows (and optionally the model's scores and
/// predicted classes) with a <see cref="ReferenceProfile"/> in bounded windows, runs the configured tests per feature off
/// the hot path, exports the results as <c>ml.drift.score</c> / <c>ml.drift.p_value</c> / <c>ml.drift.severity</c> and
/// data-quality counters, and publishes a <see cref="MonitoringEvent"/> (kind <c>drift.feature</c> or
/// <c>drift.prediction</c>) per feature and method on every evaluated window, <see cref="Severity.None"/> included.
/// Recording is lock-free, allocation-free and never throws; memory is fixed at construction.
/// </summary>
/// <remarks>As an <see cref="IModelOutputSink"/>, a classification records its confidence as the score and its class
/// index as the predicted class; a regression records its value as the score; a classification by label records its
/// confidence, and its class index when <see cref="DriftMonitorOptions.ClassLabels"/> are set (otherwise only the confidence).</remarks>
public sealed partial class DriftMonitor : IModelInputSink, IModelOutputSink, IMonitoringEvaluator, IDisposable
{
    private const int QualityReasons = 4;

    private readonly string _modelName;
    private readonly string _modelVersion;
    private readonly DriftMonitorOptions _options;
    private readonly IMonitoringEventSink? _sink;
    private readonly TimeProvider _time;
    private readonly ReferenceProfile _profile;
    private readonly KeyValuePair<string, object?>[] _baseTags;
    private readonly FrozenDictionary<string, int> _featureIndex;
    private readonly FrozenDictionary<string, int>? _classIndexByLabel;

    // Hot-path lookups, one entry per feature.
    private readonly int _featureCount;
    private readonly bool[] _categorical;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly double[][] _categories;

    // The range a chunk of four values is checked against (DriftMonitor.Recording.cs): a numeric feature's reference
    // range, and an empty range (+∞, −∞) for a categorical one, so that its values always take the checks one by one.
    private const int ChunkLanes = 4;
    private readonly double[] _chunkMin;
    private readonly double[] _chunkMax;

    // Windows.
    private readonly DriftWindow _featureWindow;
    private readonly DriftWindow _scoreWindow;
    private readonly DriftWindow _classWindow;
    private readonly PredictionReferenceCollector? _scoreReference;
    private readonly PredictionReferenceCollector? _classReference;

    // Data-quality counters: [feature * QualityReasons + reason] for features, then the score and the class.
    private readonly long[] _invalid;
    private long _wrongLength;
    private long _unknownFeature;
    private readonly Quality.StripedCounters _skippedRows = new(1); // striped: every row of a full window counts here
    private long _evaluatedRows;

    private readonly WindowCompletionWorkItem _completionWorkItem;
    private readonly EvaluationBudget _budget; // of evaluations started by filled windows (DriftMonitor.Budget.cs)
    private int _completionQueued;
    private int _disposed;

    /// <summary>Creates a monitor for one model.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="modelVersion">The model version (tag <c>ml.model.version</c>); may be empty.</param>
    /// <param name="profile">The reference profile; its feature order is the order of recorded rows.</param>
    /// <param name="options">Windows, tests, bins and thresholds; defaults when <see langword="null"/>.</param>
    /// <param name="sink">Receives a <see cref="MonitoringEvent"/> per feature and method on every evaluated window.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The configuration is invalid; the message says what to fix.</exception>
    public DriftMonitor(
        string modelName, string modelVersion, ReferenceProfile profile, DriftMonitorOptions? options = null,
        IMonitoringEventSink? sink = null, TimeProvider? timeProvider = null)
    {
        _modelName = Guard.NotNullOrWhiteSpace(modelName);
        _modelVersion = modelVersion ?? string.Empty;
        _profile = Guard.NotNull(profile);
        _options = options ?? new DriftMonitorOptions();
        _sink = sink;
        _time = timeProvider ?? TimeProvider.System;
        Validate(_options, profile);

        EvaluatorName = $"drift:{_modelName}";
        _baseTags = [new(SemanticConventions.ModelName, _modelName), new(SemanticConventions.ModelVersion, _modelVersion)];
        _featureCount = profile.Features.Count;
        _categorical = new bool[_featureCount];
        _min = new double[_featureCount];
        _max = new double[_featureCount];
        _categories = new double[_featureCount][];
        _chunkMin = new double[_featureCount];
        _chunkMax = new double[_featureCount];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var channels = new List<FeatureChannel>();
        for (var i = 0; i < _featureCount; i++)
        {
            var f = profile.Features[i];
            index[f.Name] = i;
            _categorical[i] = f.Kind == FeatureKind.Categorical;
            _min[i] = f.Min;
            _max[i] = f.Max;
            _categories[i] = f.CategoryValueArray;
            _chunkMin[i] = _categorical[i] ? double.PositiveInfinity : f.Min;
            _chunkMax[i] = _categorical[i] ? double.NegativeInfinity : f.Max;
            var methods = f.Kind == FeatureKind.Categorical ? _options.CategoricalMethods : _options.NumericMethods;
            channels.Add(new FeatureChannel(f, methods, _options, "drift.feature", null, _baseTags));
            if (f.IsEmpty)
            {
                MlObservabilityEventSource.Log.DriftEmptyReference(EvaluatorName, f.Name);
            }
        }

        _featureIndex = index.ToFrozenDictionary(StringComparer.Ordinal);
        _classIndexByLabel = _options.ClassLabels is { Count: > 0 } labels
            ? labels.Select((label, i) => KeyValuePair.Create(label, i)).DistinctBy(p => p.Key, StringComparer.Ordinal).ToFrozenDictionary(StringComparer.Ordinal)
            : null;
        _featureChannels = [.. channels];
        _featureWindow = CreateWindow(_featureCount);
        _scoreWindow = CreateWindow(1);
        _classWindow = CreateWindow(1);
        _invalid = new long[(_featureCount + 2) * QualityReasons];
        _invalidTags = BuildInvalidTags();

        if (profile.Score is { IsEmpty: false } score)
        {
            _scoreChannel = new FeatureChannel(score, _options.ScoreMethods, _options, "drift.prediction", "score", _baseTags);
            _scoreChannels = [_scoreChannel];
            _scoreMin = score.Min;
            _scoreMax = score.Max;
        }
        else
        {
            _scoreReference = new PredictionReferenceCollector(_options.PredictionReferenceSize);
        }

        if (profile.PredictedClass is { IsEmpty: false } cls)
        {
            _classChannel = new FeatureChannel(cls, _options.PredictedClassMethods, _options, "drift.prediction", "class", _baseTags);
            _classChannels = [_classChannel];
            _classValues = cls.CategoryValueArray;
        }
        else
        {
            _classReference = new PredictionReferenceCollector(_options.PredictionReferenceSize);
        }

        BuildFleetCounters();
        _scratch = new double[Math.Max(_featureWindow.MaxRows, 1)];
        _completionWorkItem = new WindowCompletionWorkItem(this);
        _budget = new EvaluationBudget(_options.MaxEvaluationShare, _time);
        RebuildSlots();
        DriftInstruments.Live.Add(this);
    }

    /// <summary>Creates a monitor; the one-line form for a profile loaded from disk, for example
    /// <c>DriftMonitor.Create("fraud", "1.2", ReferenceProfile.Load("profile.json"), options, sink)</c>.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version.</param>
    /// <param name="profile">The reference profile.</param>
    /// <param name="options">Windows, tests, bins and thresholds.</param>
    /// <param name="sink">Receives drift events.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The monitor.</returns>
    public static DriftMonitor Create(
        string modelName, string modelVersion, ReferenceProfile profile, DriftMonitorOptions? options = null,
        IMonitoringEventSink? sink = null, TimeProvider? timeProvider = null) =>
        new(modelName, modelVersion, profile, options, sink, timeProvider);

    /// <inheritdoc/>
    public string EvaluatorName { get; }

    /// <summary>The model name.</summary>
    public string ModelName => _modelName;

    /// <summary>The model version.</summary>
    public string ModelVersion => _modelVersion;

    /// <summary>The reference profile.</summary>
    public ReferenceProfile Profile => _profile;

    /// <summary>Releases the monitor: its instruments stop reporting it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            DriftInstruments.Live.Remove(this);
            _deferralTimer?.Dispose();
        }
    }

    private DriftWindow CreateWindow(int columns) => _options.WindowKind == DriftWindowKind.CountTumbling
        ? new TumblingCountWindow(columns, _options.WindowSize)
        : new SlidingTimeWindow(columns, _time, _options.SlidingWindow, _options.SlidingSlices, _options.MaxRowsPerSlice);

    private static void Validate(DriftMonitorOptions o, ReferenceProfile profile)
    {
        Guard.InRange(o.WindowSize, 2, 10_000_000);
        Guard.InRange(o.SlidingSlices, 1, 1_000);
        Guard.InRange(o.MaxRowsPerSlice, 1, 1_000_000);
        Guard.InRange(o.MinimumSamples, 1, int.MaxValue);
        Guard.InRange(o.PredictionReferenceSize, 2, 10_000_000);
        Guard.Positive(o.SlidingWindow);
        if (!(o.MaxEvaluationShare > 0 && o.MaxEvaluationShare <= 1))
        {
            throw new ArgumentException(
                $"DriftMonitorOptions.MaxEvaluationShare must be in (0, 1], the share of one core that drift evaluation may use (default {DriftMonitorOptions.DefaultMaxEvaluationShare}; 1 never postpones an evaluation); got {o.MaxEvaluationShare}.");
        }

        Guard.InRange(o.PsiEpsilon, 1e-12, 0.1);
        if (o.PsiBins < 2 || o.PsiBins > 10_000)
        {
            throw new ArgumentException($"DriftMonitorOptions.PsiBins must be between 2 and 10000; got {o.PsiBins}. PSI needs at least two bins.");
        }

        ValidateFleet(o, profile);
        const DriftMethod numeric = DriftMethod.KolmogorovSmirnov | DriftMethod.Psi | DriftMethod.JensenShannon | DriftMethod.Wasserstein;
        const DriftMethod categorical = DriftMethod.ChiSquare | DriftMethod.Psi | DriftMethod.JensenShannon;
        CheckMethods(o.NumericMethods, numeric, nameof(o.NumericMethods));
        CheckMethods(o.ScoreMethods, numeric, nameof(o.ScoreMethods));
        CheckMethods(o.CategoricalMethods, categorical, nameof(o.CategoricalMethods));
        CheckMethods(o.PredictedClassMethods, categorical, nameof(o.PredictedClassMethods));
        foreach (var feature in o.FeaturesWithThresholds)
        {
            if (profile.IndexOf(feature) < 0 && feature != ReferenceProfile.ScoreName && feature != ReferenceProfile.PredictedClassName)
            {
                throw new ArgumentException(
                    $"DriftMonitorOptions sets thresholds for feature '{feature}', which is not in the reference profile (features: {string.Join(", ", profile.Features.Select(f => f.Name))}).");
            }
        }
    }

    private static void ValidateFleet(DriftMonitorOptions o, ReferenceProfile profile)
    {
        if (o.FleetBins < 2 || o.FleetBins > DriftMonitorOptions.MaxFleetBins)
        {
            throw new ArgumentException($"DriftMonitorOptions.FleetBins must be between 2 and {DriftMonitorOptions.MaxFleetBins}; got {o.FleetBins}. Each bin is one series per feature in Prometheus.");
        }

        if (!(o.SignificanceLevel > 0 && o.SignificanceLevel < 1))
        {
            throw new ArgumentException($"DriftMonitorOptions.SignificanceLevel must be between 0 and 1 (exclusive), for example 0.05; got {o.SignificanceLevel}.");
        }

        foreach (var name in o.FleetFeatures ?? [])
        {
            var i = profile.IndexOf(name);
            if (i < 0 && name != ReferenceProfile.ScoreName)
            {
                throw new ArgumentException(
                    $"DriftMonitorOptions.FleetFeatures names '{name}', which is not in the reference profile (features: {string.Join(", ", profile.Features.Select(f => f.Name))}; the model score is '{ReferenceProfile.ScoreName}').");
            }

            if (i >= 0 && profile.Features[i] is { Kind: FeatureKind.Categorical } c && c.CategoryValues.Length + 1 > DriftMonitorOptions.MaxFleetBins)
            {
                throw new ArgumentException(
                    $"DriftMonitorOptions.FleetFeatures names the categorical feature '{name}', which has {c.CategoryValues.Length} reference categories; fleet counters hold at most {DriftMonitorOptions.MaxFleetBins - 1} categories plus 'other'. Leave it out of FleetFeatures.");
            }
        }
    }

    private static void CheckMethods(DriftMethod methods, DriftMethod allowed, string name)
    {
        if ((methods & ~allowed) != 0)
        {
            throw new ArgumentException($"DriftMonitorOptions.{name} contains {methods & ~allowed}, which does not apply there; allowed: {allowed}.");
        }
    }

    /// <summary>Runs queued evaluation when a tumbling window fills (within the evaluation budget,
    /// DriftMonitor.Budget.cs); preallocated so queuing allocates nothing.</summary>
    private sealed class WindowCompletionWorkItem(DriftMonitor monitor) : IThreadPoolWorkItem
    {
        public void Execute() => monitor.EvaluateOnCompletion();
    }
}
