using System.Runtime.CompilerServices;

namespace MlObservability.Quality;

/// <content>The recording path: outputs on the inference thread.</content>
public sealed partial class QualityMonitor
{
    // Cumulative counters (classifications are summed from the per-class counters).
    internal const int CounterRegressions = 0;
    internal const int CounterLowConfidence = 1;
    internal const int CounterInvalid = 2;
    internal const int CounterSampled = 3;
    internal const int CounterReviewDropped = 4;
    private const int CounterLabels = 5; // + GroundTruthOutcome
    internal const int CounterRequestIdTooLong = CounterLabels + 5;
    private const int CounterCount = CounterRequestIdTooLong + 1;

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
        RecordClassification(predictedClass, confidence, requestId, null);

    /// <summary>Records a classification by class index, in a segment.</summary>
    /// <param name="predictedClass">Index of the predicted class; indexes at or past <see cref="QualityMonitorOptions.MaxClasses"/> count as <c>other</c>.</param>
    /// <param name="confidence">Confidence of the predicted class, in [0, 1].</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordClassification(int predictedClass, double confidence, string? requestId, string? segment)
    {
        if (predictedClass < 0 || !(confidence >= 0 && confidence <= 1))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        Track(Math.Min(predictedClass, _classes.OverflowIndex), confidence, requestId, segment);
    }

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
        RecordClassification(predictedLabel, confidence, requestId, null);

    /// <summary>Records a classification by label, in a segment.</summary>
    /// <param name="predictedLabel">The predicted label; beyond <see cref="QualityMonitorOptions.MaxClasses"/> labels it counts as <c>other</c>.</param>
    /// <param name="confidence">Confidence of the predicted label, in [0, 1].</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId, string? segment)
    {
        if (string.IsNullOrEmpty(predictedLabel) || !(confidence >= 0 && confidence <= 1))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        Track(_classes.GetOrAdd(predictedLabel), confidence, requestId, segment);
    }

    /// <inheritdoc/>
    public void RecordRegression(double value, string? requestId = null) => RecordRegression(value, requestId, null);

    /// <summary>Records a regression output, in a segment.</summary>
    /// <param name="value">The predicted value; NaN and infinities are counted as invalid.</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    public void RecordRegression(double value, string? requestId, string? segment)
    {
        if (!double.IsFinite(value))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        _counters.Increment(CounterRegressions);
        _regressionValues.Record(value);
        if (requestId is not null && AcceptableRequestId(requestId))
        {
            int segmentIndex = segment is null ? -1 : _segments.GetOrAdd(segment);
            if (Sampler.ShouldSample(requestId, Math.Max(segmentIndex, 0)))
            {
                Sample(PredictionKind.Regression, -1, double.NaN, value, requestId, segmentIndex);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Track(int slot, double confidence, string? requestId, string? segment)
    {
        _predictions.Increment(slot);
        _confidence.Record(confidence);
        if (confidence < _lowThreshold)
        {
            _counters.Increment(CounterLowConfidence);
            _recent.Increment(RecentLow);
        }

        int bin = ClassificationMetricsCalculator.CalibrationBin(confidence);
        _recent.Increment(RecentBinCounts + bin);
        _recent.Add(RecentBinSums + bin, (long)Math.Round(confidence * ConfidenceCalibration.ConfidenceScale));
        if (requestId is not null && AcceptableRequestId(requestId))
        {
            int segmentIndex = segment is null ? -1 : _segments.GetOrAdd(segment);
            int stratum = Sampler.Stratification == SamplingStratification.Segment ? Math.Max(segmentIndex, 0) : slot;
            if (Sampler.ShouldSample(requestId, stratum))
            {
                Sample(PredictionKind.Classification, slot, confidence, double.NaN, requestId, segmentIndex);
            }
        }
    }

    /// <summary>Whether a request id is short enough to hash and keep (<see cref="RequestIdHash.MaxRequestIdLength"/>);
    /// a longer one is counted and its prediction is not sampled. O(1): the id is not read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AcceptableRequestId(string requestId)
    {
        if (requestId.Length <= RequestIdHash.MaxRequestIdLength)
        {
            return true;
        }

        _counters.Increment(CounterRequestIdTooLong);
        return false;
    }

    /// <summary>The name a shared store keeps for a class: its label when it has one (another replica may number labels
    /// given by name differently), the overflow label, or <see langword="null"/> for an unnamed index (kept as the index).</summary>
    private string? StoredClassLabel(PredictionKind kind, int slot) =>
        kind != PredictionKind.Classification ? null
        : slot >= _classes.OverflowIndex ? SemanticConventions.OverflowValue
        : slot < _classes.Count ? _classes.LabelAt(slot)
        : null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Sample(PredictionKind kind, int slot, double confidence, double value, string requestId, int segment)
    {
        var now = _time.GetUtcNow();
        var pending = _sharedStore
            ? new PendingPrediction(requestId, kind, slot, confidence, value, segment, now.UtcTicks, StoredClassLabel(kind, slot), SegmentName(segment), ModelVersion)
            : new PendingPrediction(requestId, kind, slot, confidence, value, segment, now.UtcTicks);
        if (!_pending.TryAdd(pending))
        {
            return; // the id is already pending: keep the first prediction
        }

        _counters.Increment(CounterSampled);
        if (_reviewSink is null)
        {
            return;
        }

        var sampled = new SampledPrediction
        {
            RequestId = requestId,
            ModelName = ModelName,
            ModelVersion = ModelVersion,
            Kind = kind,
            PredictedClass = slot,
            PredictedLabel = kind == PredictionKind.Classification ? ClassLabelOf(slot) : null,
            Confidence = confidence,
            PredictedValue = value,
            Segment = SegmentName(segment),
            Timestamp = now,
        };
        bool accepted;
        try
        {
            accepted = _reviewSink.TryEnqueue(sampled);
        }
#pragma warning disable CA1031 // a user sink must never break the inference thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Diagnostics.MlObservabilityEventSource.Log.BackgroundFailure(nameof(IReviewSink), ex);
            accepted = false;
        }

        if (!accepted)
        {
            _counters.Increment(CounterReviewDropped);
        }
    }
}
