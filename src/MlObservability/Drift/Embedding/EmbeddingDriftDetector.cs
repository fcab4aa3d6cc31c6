using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Drift.Embedding;

/// <summary>
/// Embedding drift for one vector input: <see cref="Record(ReadOnlySpan{float})"/> copies a vector into a bounded window
/// (lock-free, allocation-free, never throws); <see cref="Evaluate"/> computes the window's unbiased MMD² against the
/// profile's reference subsample and the cosine distance between the centroids, compares each with its calibrated
/// threshold, exports <c>ml.drift.embedding.*</c> and raises two <c>drift.embedding</c> events (methods <c>mmd</c> and
/// <c>centroid_cosine</c>). Memory: the reference subsample plus two windows of vectors, fixed at construction.
/// </summary>
public sealed class EmbeddingDriftDetector : IMonitoringEvaluator, IModelEmbeddingSink, IDisposable
{
    /// <summary>The tag value of the MMD method.</summary>
    public const string MmdMethod = "mmd";

    /// <summary>The tag value of the centroid cosine-distance method.</summary>
    public const string CentroidMethod = "centroid_cosine";

    private readonly string _modelName;
    private readonly string _modelVersion;
    private readonly EmbeddingDriftProfile _profile;
    private readonly RowWindow<float> _window;
    private readonly double[] _scratch;
    private readonly int _minimum;
    private readonly Severity _driftSeverity;
    private readonly IMonitoringEventSink? _sink;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _mmdLabels;
    private readonly Dictionary<string, string> _centroidLabels;
    private long _invalid;
    private EmbeddingDriftResult? _latest;
    private bool _disposed;

    /// <summary>Creates a detector and registers its instruments.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version (may be empty).</param>
    /// <param name="profile">The fitted baseline (for example from <see cref="ReferenceProfile.Embeddings"/>).</param>
    /// <param name="options">Minimum rows and severity; defaults when <see langword="null"/>.</param>
    /// <param name="sink">Where events go (the alert engine); none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message says which.</exception>
    public EmbeddingDriftDetector(string modelName, string modelVersion, EmbeddingDriftProfile profile, EmbeddingDriftDetectorOptions? options = null, IMonitoringEventSink? sink = null)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        Guard.NotNull(modelVersion);
        Guard.NotNull(profile);
        options ??= new EmbeddingDriftDetectorOptions();
        _minimum = options.Resolve(profile);
        _modelName = modelName;
        _modelVersion = modelVersion;
        _profile = profile;
        _driftSeverity = options.DriftSeverity;
        _sink = sink;
        _window = new RowWindow<float>(profile.WindowSize, profile.Dimension);
        _scratch = new double[profile.WindowSize * profile.Dimension];
        _mmdLabels = new(StringComparer.Ordinal) { ["method"] = MmdMethod, ["feature"] = profile.Name };
        _centroidLabels = new(StringComparer.Ordinal) { ["method"] = CentroidMethod, ["feature"] = profile.Name };
        Tags = [new(SemanticConventions.ModelName, modelName), new(SemanticConventions.ModelVersion, modelVersion), new(SemanticConventions.FeatureName, profile.Name)];
        EmbeddingDriftInstruments.Register(this);
    }

    /// <summary>The baseline.</summary>
    public EmbeddingDriftProfile Profile => _profile;

    /// <inheritdoc/>
    public string EvaluatorName => $"drift:embedding:{_profile.Name}";

    /// <summary>The last evaluated window, or <see langword="null"/> before the first.</summary>
    public EmbeddingDriftResult? LatestResult => Volatile.Read(ref _latest);

    /// <summary>Vectors skipped because the window was full.</summary>
    public long SkippedRows => _window.Skipped;

    /// <summary>Vectors rejected for their length or a non-finite value.</summary>
    public long InvalidRows => Volatile.Read(ref _invalid);

    internal long EvaluatedRows => _window.Taken;

    internal KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>Adds one embedding vector. Lock-free, allocation-free, never throws.</summary>
    /// <param name="vector">The vector, of the profile's dimension, all values finite.</param>
    /// <returns><see langword="false"/> when the vector was not kept (invalid, or the window is full); counted.</returns>
    public bool Record(ReadOnlySpan<float> vector)
    {
        if (vector.Length != _profile.Dimension || !AllFinite(vector))
        {
            Interlocked.Increment(ref _invalid);
            return false;
        }

        return _window.TryAdd(vector);
    }

    /// <summary>Adds the vector when <paramref name="name"/> is this detector's input (<see cref="EmbeddingDriftProfile.Name"/>),
    /// as <see cref="Record(ReadOnlySpan{float})"/>. Lock-free, allocation-free, never throws.</summary>
    /// <param name="name">The embedding input's name.</param>
    /// <param name="vector">The vector.</param>
    /// <returns>Whether the name is this detector's (whether or not the vector was kept).</returns>
    public bool RecordEmbedding(string name, ReadOnlySpan<float> vector)
    {
        if (!string.Equals(name, _profile.Name, StringComparison.Ordinal))
        {
            return false;
        }

        Record(vector);
        return true;
    }

    /// <summary>Evaluates the window when it holds at least the minimum vectors, and starts a new one.</summary>
    /// <param name="now">The evaluation time.</param>
    public void Evaluate(DateTimeOffset now)
    {
        EmbeddingDriftResult result;
        lock (_gate)
        {
            if (_disposed || _window.Count < _minimum)
            {
                return;
            }

            var values = _window.Take(out var rows).Span;
            var window = _scratch.AsSpan(0, rows * _profile.Dimension);
            for (var i = 0; i < window.Length; i++)
            {
                window[i] = values[i];
            }

            var mmd = MaximumMeanDiscrepancy.Squared(window, rows, _profile);
            var cosine = MaximumMeanDiscrepancy.CentroidCosineDistance(window, rows, _profile);
            result = new EmbeddingDriftResult(
                mmd, _profile.MmdThreshold, mmd > _profile.MmdThreshold ? _driftSeverity : Severity.None,
                cosine, _profile.CentroidThreshold, cosine > _profile.CentroidThreshold ? _driftSeverity : Severity.None,
                rows, now);
            Volatile.Write(ref _latest, result);
        }

        Publish(result.MmdSeverity, result.Mmd2, result.MmdThreshold, _mmdLabels, "MMD²", result.Rows, now);
        Publish(result.CentroidSeverity, result.CentroidDistance, result.CentroidThreshold, _centroidLabels, "centroid cosine distance", result.Rows, now);
    }

    /// <summary>Unregisters the instruments.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        EmbeddingDriftInstruments.Unregister(this);
    }

    private static bool AllFinite(ReadOnlySpan<float> vector)
    {
        foreach (var v in vector)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private void Publish(Severity severity, double value, double threshold, Dictionary<string, string> labels, string what, int rows, DateTimeOffset now) =>
        DetectorEventPublisher.Publish(_sink, EvaluatorName, new MonitoringEvent
        {
            Kind = EmbeddingDriftInstruments.EventKind,
            ModelName = _modelName,
            ModelVersion = _modelVersion,
            Severity = severity,
            Value = value,
            Threshold = threshold,
            Labels = labels,
            Summary = string.Create(
                CultureInfo.InvariantCulture,
                $"Embedding '{_profile.Name}' of {_modelName}: {what} = {value:G4} over {rows} vectors, threshold {threshold:G4} (false-alarm rate {_profile.FalseAlarmRate:G3}): {(severity == Severity.None ? "no drift" : "drift")}."),
            Timestamp = now,
        });
}
