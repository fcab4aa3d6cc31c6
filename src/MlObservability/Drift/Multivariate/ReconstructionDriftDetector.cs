using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Drift.Multivariate;

/// <summary>
/// Multivariate drift by data reconstruction (NannyML's method): <see cref="Record(ReadOnlySpan{double})"/> copies a
/// row of the profiled features into a bounded window (lock-free, allocation-free, never throws); <see cref="Evaluate"/>
/// computes the mean reconstruction error of the window's rows against the profile's principal components, compares it
/// with the reference band (<see cref="LowerThreshold"/>,
/// <see cref="UpperThreshold"/>), exports <c>ml.drift.reconstruction.*</c> and raises a
/// <c>drift.multivariate</c> event. It sees changes in the relationships between features that leave every marginal
/// distribution, and so every univariate test, unchanged.
/// </summary>
public sealed class ReconstructionDriftDetector : IMonitoringEvaluator, IDisposable
{
    private readonly string _modelName;
    private readonly string _modelVersion;
    private readonly ReconstructionDriftProfile _profile;
    private readonly RowWindow<double> _window;
    private readonly int _minimum;
    private readonly Severity _driftSeverity;
    private readonly double _lower;
    private readonly double _upper;
    private readonly IMonitoringEventSink? _sink;
    private readonly object _gate = new();
    private readonly double[] _scratch;
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal) { ["method"] = MethodName };
    private long _wrongLength;
    private long _imputed;
    private ReconstructionDriftResult? _latest;
    private bool _disposed;

    /// <summary>The tag value of the method.</summary>
    public const string MethodName = "reconstruction";

    /// <summary>Creates a detector and registers its instruments.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version (may be empty).</param>
    /// <param name="profile">The fitted baseline (for example <see cref="ReferenceProfile.Reconstruction"/>).</param>
    /// <param name="options">Window size, minimum rows, severity; defaults when <see langword="null"/>.</param>
    /// <param name="sink">Where events go (the alert engine); none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message says which.</exception>
    public ReconstructionDriftDetector(string modelName, string modelVersion, ReconstructionDriftProfile profile, ReconstructionDriftDetectorOptions? options = null, IMonitoringEventSink? sink = null)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        Guard.NotNull(modelVersion);
        Guard.NotNull(profile);
        options ??= new ReconstructionDriftDetectorOptions();
        var (window, minimum) = options.Resolve(profile);
        (_lower, _upper) = options.ResolveBand(profile);
        _modelName = modelName;
        _modelVersion = modelVersion;
        _profile = profile;
        _window = new RowWindow<double>(window, profile.FeatureNames.Count);
        _minimum = minimum;
        _driftSeverity = options.DriftSeverity;
        _sink = sink;
        _scratch = new double[profile.FeatureNames.Count + profile.ComponentCount];
        Tags = [new(SemanticConventions.ModelName, modelName), new(SemanticConventions.ModelVersion, modelVersion), new(SemanticConventions.DriftMethod, MethodName)];
        ReconstructionDriftInstruments.Register(this);
    }

    /// <summary>The baseline.</summary>
    public ReconstructionDriftProfile Profile => _profile;

    /// <summary>The lower bound of the alarm band in use (the profile's, or re-drawn by
    /// <see cref="ReconstructionDriftDetectorOptions.ThresholdStandardDeviations"/>).</summary>
    public double LowerThreshold => _lower;

    /// <summary>The upper bound of the alarm band in use.</summary>
    public double UpperThreshold => _upper;

    /// <inheritdoc/>
    public string EvaluatorName => $"drift:{MethodName}";

    /// <summary>The last evaluated window, or <see langword="null"/> before the first.</summary>
    public ReconstructionDriftResult? LatestResult => Volatile.Read(ref _latest);

    /// <summary>Rows skipped because the window was full.</summary>
    public long SkippedRows => _window.Skipped;

    /// <summary>Rows rejected because their length differs from the profile's feature count.</summary>
    public long WrongLengthRows => Volatile.Read(ref _wrongLength);

    /// <summary>Values imputed with the reference mean (missing or non-finite) so far.</summary>
    public long ImputedValues => Volatile.Read(ref _imputed);

    internal KeyValuePair<string, object?>[] Tags { get; }

    internal long EvaluatedRows => _window.Taken;

    /// <summary>Adds a row of the profiled features, in <see cref="ReconstructionDriftProfile.FeatureNames"/> order;
    /// NaN marks a missing value. Lock-free, allocation-free, never throws.</summary>
    /// <param name="row">The row.</param>
    /// <returns><see langword="false"/> when the row was not kept (wrong length, or the window is full); counted.</returns>
    public bool Record(ReadOnlySpan<double> row)
    {
        if (row.Length != _window.Width)
        {
            Interlocked.Increment(ref _wrongLength);
            return false;
        }

        return _window.TryAdd(row);
    }

    /// <summary>Adds a row of single-precision features; as <see cref="Record(ReadOnlySpan{double})"/>.</summary>
    /// <param name="row">The row.</param>
    /// <returns><see langword="false"/> when the row was not kept.</returns>
    public bool Record(ReadOnlySpan<float> row)
    {
        if (row.Length != _window.Width)
        {
            Interlocked.Increment(ref _wrongLength);
            return false;
        }

        return _window.TryAdd(row, static v => v);
    }

    /// <summary>Evaluates the window when it holds at least the minimum rows, and starts a new one.</summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now)
    {
        ReconstructionDriftResult result;
        lock (_gate)
        {
            if (_disposed || _window.Count < _minimum)
            {
                return;
            }

            var values = _window.Take(out var rows).Span;
            var width = _window.Width;
            double sum = 0;
            long imputed = 0;
            for (var r = 0; r < rows; r++)
            {
                sum += _profile.ReconstructionError(values.Slice(r * width, width), _scratch, out var missing);
                imputed += missing;
            }

            Interlocked.Add(ref _imputed, imputed);
            var mean = sum / rows;
            var outside = mean > _upper || mean < _lower;
            result = new ReconstructionDriftResult(mean, _lower, _upper, outside ? _driftSeverity : Severity.None, rows, imputed, now);
            Volatile.Write(ref _latest, result);
        }

        var below = result.MeanError < result.LowerThreshold;
        DetectorEventPublisher.Publish(_sink, EvaluatorName, new MonitoringEvent
        {
            Kind = ReconstructionDriftInstruments.EventKind,
            ModelName = _modelName,
            ModelVersion = _modelVersion,
            Severity = result.Severity,
            Value = result.MeanError,
            Threshold = below ? result.LowerThreshold : result.UpperThreshold,
            Labels = _labels,
            Summary = string.Create(
                CultureInfo.InvariantCulture,
                $"Mean reconstruction error of {_modelName} over {result.Rows} rows = {result.MeanError:F4}, reference band [{result.LowerThreshold:F4}, {result.UpperThreshold:F4}]{(result.ImputedValues > 0 ? $", {result.ImputedValues} values imputed" : string.Empty)}: {(result.Severity == Severity.None ? "within" : "outside")}."),
            Timestamp = now,
        });
    }

    /// <summary>Unregisters the instruments.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        ReconstructionDriftInstruments.Unregister(this);
    }
}
