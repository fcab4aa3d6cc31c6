using System.Globalization;
using MlObservability.Cardinality;
using MlObservability.Diagnostics;
using MlObservability.Histograms;

namespace MlObservability.Quality;

/// <summary>
/// Model quality for one model name and version: output tracking on the inference thread (predicted classes, confidence
/// distribution, low-confidence share, regression values), ground-truth sampling with a pending-prediction store that
/// joins late labels, rolling quality metrics (overall, per class, per segment) that agree with scikit-learn, decay
/// detection against a baseline, and a label-free accuracy estimate. Exports its observable instruments on the shared
/// meter and publishes <c>quality.decay</c> events.
/// </summary>
/// <remarks>
/// Recording is lock-free, never throws and, for predictions that are not sampled, allocation-free. Invalid input (negative
/// class, confidence or probability outside [0, 1], non-finite value) is counted in <see cref="InvalidPredictionCount"/>
/// and dropped. A NaN confidence means "none": the prediction is counted, and metrics that need a confidence leave it out.
/// Labels never throw either: <see cref="RecordGroundTruth(string, string)"/> returns a <see cref="GroundTruthOutcome"/>.
/// Call <see cref="Evaluate"/> on a schedule (the hosting package does) to refresh metrics, gauges and events.
/// </remarks>
public sealed partial class QualityMonitor : IModelOutputSink, IMonitoringEvaluator, IDisposable
{
    /// <summary>The <see cref="MonitoringEvent.Kind"/> of decay findings.</summary>
    public const string DecayEventKind = "quality.decay";

    // Layout of the recent-window counters.
    private const int RecentLow = 0;
    private const int RecentBinCounts = 1;
    private const int RecentBinSums = RecentBinCounts + ClassificationMetricsCalculator.CalibrationBins;
    private const int RecentCounterCount = RecentBinSums + ClassificationMetricsCalculator.CalibrationBins;

    private readonly QualityMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly IMonitoringEventSink? _eventSink;
    private readonly IReviewSink? _reviewSink;
    private readonly BoundedLabelSet _classes;
    private readonly BoundedLabelSet _segments;
    private readonly string[] _configuredLabels;
    private readonly int _classSlots;
    private readonly bool _binary;
    private readonly StripedCounters _predictions;      // per class slot
    private readonly StripedCounters _counters;         // see Counter* constants
    private readonly SlidingWindowCounters _recent;
    private readonly SlidingWindowHistogram _confidence;
    private readonly LogHistogram _regressionValues;
    private readonly IPendingPredictionStore _pending;
    private readonly LabelledWindow _labelled;
    private readonly ConfidenceCalibration _calibration;
    private readonly AccuracyDecayDetector? _detector;
    private readonly KeyValuePair<string, object?>[] _baseTags;
    private readonly double _lowThreshold;
    private QualityReport _report = QualityReport.Empty;
    private int _disposed;

    /// <summary>Creates the quality monitor of one model and registers its observable instruments.</summary>
    /// <param name="modelName">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="modelVersion">The model version (tag <c>ml.model.version</c>); empty when unknown.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    /// <param name="eventSink">Receives <c>quality.decay</c> events on every evaluation; none when <see langword="null"/>.</param>
    /// <param name="reviewSink">Receives predictions sampled for labelling; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message says which and why.</exception>
    public QualityMonitor(string modelName, string? modelVersion = null, QualityMonitorOptions? options = null,
        IMonitoringEventSink? eventSink = null, IReviewSink? reviewSink = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        ModelVersion = modelVersion ?? string.Empty;
        _options = options ?? new QualityMonitorOptions();
        _options.Validate();
        _time = _options.TimeProvider ?? TimeProvider.System;
        _eventSink = eventSink;
        _reviewSink = reviewSink;
        _lowThreshold = _options.LowConfidenceThreshold;
        _configuredLabels = _options.ClassLabels?.ToArray() ?? [];
        _binary = _configuredLabels.Length == 2;
        _classes = new BoundedLabelSet(_options.MaxClasses, nameof(QualityMonitor), $"classes of {ModelName}");
        foreach (string label in _configuredLabels)
        {
            _classes.GetOrAdd(label);
        }

        _classSlots = _options.MaxClasses + 1;
        _segments = new BoundedLabelSet(_options.MaxSegments, nameof(QualityMonitor), $"segments of {ModelName}");
        _predictions = new StripedCounters(_classSlots);
        _counters = new StripedCounters(CounterCount);
        _recent = new SlidingWindowCounters(RecentCounterCount, _options.RecentWindow, _options.RecentSubWindows, _time);
        _confidence = new SlidingWindowHistogram(_options.RecentWindow, _options.RecentSubWindows, LogHistogramOptions.Probability, _time);
        _regressionValues = new LogHistogram(_options.RegressionValueHistogram);
        _pending = _options.PendingStore is { } factory
            ? factory.Create(ModelName, ModelVersion, _options) ?? throw new ArgumentException($"{nameof(QualityMonitorOptions.PendingStore)}.{nameof(IPendingPredictionStoreFactory.Create)} returned null.", nameof(options))
            : new PendingPredictionStore(_options.PendingCapacity, _options.PendingTimeToLive, _options.PendingMaxBytes);
        _labelled = new LabelledWindow(_options.LabelRetention);
        _calibration = new ConfidenceCalibration(_options.CalibrationReferenceSize);
        _detector = _options.Baseline is null ? null : new AccuracyDecayDetector(_options.Baseline);
        Sampler = new GroundTruthSampler(_options.Sampling, _options.Sampling.Stratification == SamplingStratification.Segment ? _options.MaxSegments + 1 : _classSlots);
        _baseTags = [new(SemanticConventions.ModelName, ModelName), new(SemanticConventions.ModelVersion, ModelVersion)];
        _classTags = new KeyValuePair<string, object?>[]?[_classSlots];
        _segmentTags = new KeyValuePair<string, object?>[]?[_options.MaxSegments + 1];
        CreateFleetQuality();
        QualityInstruments.Live.Add(this);
        FleetQualityInstruments.EnsureCreated();
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The model version (empty when unknown).</summary>
    public string ModelVersion { get; }

    /// <inheritdoc/>
    public string EvaluatorName => "quality:" + ModelName;

    /// <summary>The settings.</summary>
    public QualityMonitorOptions Options => _options;

    /// <summary>The ground-truth sampler; set <see cref="GroundTruthSampler.Rate"/> to change the sampling rate at run time.</summary>
    public GroundTruthSampler Sampler { get; }

    /// <summary>Whether the model is binary (two class labels configured; index 1 positive).</summary>
    public bool IsBinary => _binary;

    /// <summary>The result of the latest <see cref="Evaluate"/> (empty before the first).</summary>
    public QualityReport LatestReport => Volatile.Read(ref _report);

    /// <summary>Realised accuracy over the last N labelled predictions, as of the latest evaluation (NaN before labels).</summary>
    public double RealizedAccuracy => LatestReport.Classification.Accuracy;

    /// <summary>Label-free accuracy estimate of the recent window, as of the latest evaluation (NaN before predictions).</summary>
    public double EstimatedAccuracy => LatestReport.EstimatedAccuracy;

    /// <summary>Share of classifications in the recent window below the low-confidence threshold, read live (NaN without predictions).</summary>
    public double LowConfidenceShare
    {
        get
        {
            var recent = _recent.Snapshot();
            long total = RecentTotalOf(recent);
            return total == 0 ? double.NaN : (double)recent[RecentLow] / total;
        }
    }

    /// <summary>Classifications recorded since creation (all classes).</summary>
    public long PredictionCount
    {
        get
        {
            long total = 0;
            for (int slot = 0; slot < _classSlots; slot++)
            {
                total += _predictions.Read(slot);
            }

            return total;
        }
    }

    /// <summary>Regression outputs recorded since creation.</summary>
    public long RegressionCount => _counters.Read(CounterRegressions);

    /// <summary>Classifications below the low-confidence threshold since creation.</summary>
    public long LowConfidenceCount => _counters.Read(CounterLowConfidence);

    /// <summary>Predictions dropped as invalid.</summary>
    public long InvalidPredictionCount => _counters.Read(CounterInvalid);

    /// <summary>Predictions sampled for labelling.</summary>
    public long SampledCount => _counters.Read(CounterSampled);

    /// <summary>Sampled predictions the review sink refused (full).</summary>
    public long ReviewDroppedCount => _counters.Read(CounterReviewDropped);

    /// <summary>Where sampled predictions wait for their labels (<see cref="QualityMonitorOptions.PendingStore"/>).</summary>
    public IPendingPredictionStore PendingStore => _pending;

    /// <summary>Sampled predictions waiting for a label now (in this process; a shared store's entries are not counted here).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Pending predictions that expired (time-to-live) before their label came.</summary>
    public long ExpiredPredictionCount => _pending.ExpiredCount;

    /// <summary>Pending predictions evicted because the store held <see cref="QualityMonitorOptions.PendingCapacity"/> entries.</summary>
    public long EvictedPredictionCount => _pending.EvictedCount;

    /// <summary>Pending predictions evicted because the store held <see cref="QualityMonitorOptions.PendingMaxBytes"/>.</summary>
    public long EvictedForBytesPredictionCount => _pending.EvictedForBytesCount;

    /// <summary>Estimated bytes the pending predictions (and the remembered hashes of recent ids) hold now; at most
    /// <see cref="QualityMonitorOptions.PendingMaxBytes"/>.</summary>
    public long PendingBytes => _pending.Bytes;

    /// <summary>Predictions and labels whose request id was longer than <see cref="RequestIdHash.MaxRequestIdLength"/>:
    /// the prediction is counted in every other metric but never sampled, the label is <see cref="GroundTruthOutcome.Invalid"/>.</summary>
    public long RejectedRequestIdCount => _counters.Read(CounterRequestIdTooLong);

    /// <summary>Probability vectors dropped because their length did not fit (not one entry per
    /// <see cref="QualityMonitorOptions.ClassLabels"/> entry, or fewer than 2 without labels); the predictions were kept.</summary>
    public long DroppedProbabilityVectorLengthCount => _counters.Read(CounterProbabilitiesLength);

    /// <summary>Probability vectors dropped because they had more than <see cref="QualityMonitorOptions.MaxClasses"/>
    /// entries (the bound on stored vectors); the predictions were kept.</summary>
    public long DroppedProbabilityVectorTooManyClassesCount => _counters.Read(CounterProbabilitiesTooMany);

    /// <summary>Labels received, by outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The count.</returns>
    public long LabelCount(GroundTruthOutcome outcome) => (uint)outcome <= (uint)GroundTruthOutcome.Invalid ? _counters.Read(CounterLabels + (int)outcome) : 0;

    /// <summary>Predictions recorded for one class since creation.</summary>
    /// <param name="label">The class label (<c>other</c> for the overflow).</param>
    /// <returns>The count, 0 for an unknown label.</returns>
    public long PredictionCountOf(string label)
    {
        int index = label == SemanticConventions.OverflowValue ? _classes.OverflowIndex : _classes.IndexOf(label);
        return index < 0 ? 0 : _predictions.Read(index);
    }

    /// <summary>The label of a class index: the configured name, the name first recorded for it, or the index as text.</summary>
    /// <param name="classIndex">The class index.</param>
    /// <returns>The label.</returns>
    public string ClassLabelOf(int classIndex)
    {
        if (classIndex >= _classes.OverflowIndex || classIndex < 0)
        {
            return SemanticConventions.OverflowValue;
        }

        return classIndex < _classes.Count ? _classes.LabelAt(classIndex) : classIndex.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Unregisters the instruments and stops the window timers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            QualityInstruments.Live.Remove(this);
            _recent.Dispose();
            _confidence.Dispose();
            (_pending as IDisposable)?.Dispose();
        }
    }

    private static long RecentTotalOf(long[] recent)
    {
        long total = 0;
        for (int b = 0; b < ClassificationMetricsCalculator.CalibrationBins; b++)
        {
            total += recent[RecentBinCounts + b];
        }

        return total;
    }

    private string? SegmentName(int segment) => segment < 0 ? null : _segments.LabelAt(segment);
}
