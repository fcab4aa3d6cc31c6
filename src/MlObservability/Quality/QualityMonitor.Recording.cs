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
    internal const int CounterProbabilitiesLength = CounterRequestIdTooLong + 1;
    internal const int CounterProbabilitiesTooMany = CounterProbabilitiesLength + 1;
    private const int CounterCount = CounterProbabilitiesTooMany + 1;

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
        RecordClassification(predictedClass, confidence, requestId, null);

    /// <summary>Records a classification by class index, in a segment.</summary>
    /// <param name="predictedClass">Index of the predicted class; indexes at or past <see cref="QualityMonitorOptions.MaxClasses"/> count as <c>other</c>.</param>
    /// <param name="confidence">Confidence of the predicted class, in [0, 1]; <see cref="double.NaN"/> when the model gives
    /// none (the prediction is counted, and the metrics that need a confidence leave it out).</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordClassification(int predictedClass, double confidence, string? requestId, string? segment)
    {
        if (predictedClass < 0 || !IsConfidence(confidence))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        Track(Math.Min(predictedClass, _classes.OverflowIndex), confidence, requestId, segment, default);
    }

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        RecordClassification(predictedClass, probabilities, requestId, null);

    /// <summary>Records a classification by class index with the model's probability of every class, in a segment.</summary>
    /// <param name="predictedClass">Index of the predicted class; its probability is the confidence.</param>
    /// <param name="probabilities">One probability per class, in <see cref="QualityMonitorOptions.ClassLabels"/> order
    /// (index order without labels), each in [0, 1]; at most <see cref="QualityMonitorOptions.MaxClasses"/> entries.
    /// Copied only when the prediction is sampled; a vector of the wrong length is dropped and counted
    /// (<c>ml.predictions.probabilities.dropped</c>) and the prediction is kept.</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    public void RecordClassification(int predictedClass, ReadOnlySpan<double> probabilities, string? requestId, string? segment)
    {
        if (predictedClass < 0 || !AreProbabilities(probabilities))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        double confidence = predictedClass < probabilities.Length ? probabilities[predictedClass] : double.NaN;
        Track(Math.Min(predictedClass, _classes.OverflowIndex), confidence, requestId, segment, AcceptedVector(probabilities));
    }

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
        RecordClassification(predictedLabel, confidence, requestId, null);

    /// <summary>Records a classification by label, in a segment.</summary>
    /// <param name="predictedLabel">The predicted label; beyond <see cref="QualityMonitorOptions.MaxClasses"/> labels it counts as <c>other</c>.</param>
    /// <param name="confidence">Confidence of the predicted label, in [0, 1]; <see cref="double.NaN"/> when the model gives
    /// none (the prediction is counted, and the metrics that need a confidence leave it out).</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId, string? segment)
    {
        if (string.IsNullOrEmpty(predictedLabel) || !IsConfidence(confidence))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        Track(_classes.GetOrAdd(predictedLabel), confidence, requestId, segment, default);
    }

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        RecordClassification(predictedLabel, probabilities, requestId, null);

    /// <summary>Records a classification by label with the model's probability of every class, in a segment.</summary>
    /// <param name="predictedLabel">The predicted label; its probability (at its index) is the confidence.</param>
    /// <param name="probabilities">One probability per class, in <see cref="QualityMonitorOptions.ClassLabels"/> order,
    /// each in [0, 1]; see <see cref="RecordClassification(int, ReadOnlySpan{double}, string?, string?)"/>.</param>
    /// <param name="requestId">The request id, needed to sample the prediction for labelling.</param>
    /// <param name="segment">The segment (bounded cardinality), or <see langword="null"/>.</param>
    public void RecordClassification(string predictedLabel, ReadOnlySpan<double> probabilities, string? requestId, string? segment)
    {
        if (string.IsNullOrEmpty(predictedLabel) || !AreProbabilities(probabilities))
        {
            _counters.Increment(CounterInvalid);
            return;
        }

        int slot = _classes.GetOrAdd(predictedLabel);
        double confidence = slot < probabilities.Length && slot < _classes.OverflowIndex ? probabilities[slot] : double.NaN;
        Track(slot, confidence, requestId, segment, AcceptedVector(probabilities));
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
                Sample(PredictionKind.Regression, -1, double.NaN, value, requestId, segmentIndex, default);
            }
        }
    }

    /// <summary>A confidence in [0, 1], or NaN for "none".</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsConfidence(double confidence) => (confidence >= 0 && confidence <= 1) || double.IsNaN(confidence);

    /// <summary>Every entry a probability in [0, 1] (NaN is not: a vector with a NaN is invalid).</summary>
    private static bool AreProbabilities(ReadOnlySpan<double> probabilities)
    {
        foreach (double p in probabilities)
        {
            if (!(p >= 0 && p <= 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The vector when its length fits the model (as many entries as <see cref="QualityMonitorOptions.ClassLabels"/>
    /// when configured; 2 to <see cref="QualityMonitorOptions.MaxClasses"/> otherwise), else empty, counted under its reason.</summary>
    private ReadOnlySpan<double> AcceptedVector(ReadOnlySpan<double> probabilities)
    {
        if (_configuredLabels.Length > 0 ? probabilities.Length != _configuredLabels.Length : probabilities.Length < 2)
        {
            _counters.Increment(CounterProbabilitiesLength);
            return default;
        }

        if (probabilities.Length > _options.MaxClasses)
        {
            _counters.Increment(CounterProbabilitiesTooMany);
            return default;
        }

        return probabilities;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Track(int slot, double confidence, string? requestId, string? segment, ReadOnlySpan<double> probabilities)
    {
        _predictions.Increment(slot);
        if (!double.IsNaN(confidence))
        {
            // A prediction without confidence is counted above and stays out of everything below.
            _confidence.Record(confidence);
            if (confidence < _lowThreshold)
            {
                _counters.Increment(CounterLowConfidence);
                _recent.Increment(RecentLow);
            }

            int bin = ClassificationMetricsCalculator.CalibrationBin(confidence);
            _recent.Increment(RecentBinCounts + bin);
            _recent.Add(RecentBinSums + bin, (long)Math.Round(confidence * ConfidenceCalibration.ConfidenceScale));
        }

        if (requestId is not null && AcceptableRequestId(requestId))
        {
            int segmentIndex = segment is null ? -1 : _segments.GetOrAdd(segment);
            int stratum = Sampler.Stratification == SamplingStratification.Segment ? Math.Max(segmentIndex, 0) : slot;
            if (Sampler.ShouldSample(requestId, stratum))
            {
                Sample(PredictionKind.Classification, slot, confidence, double.NaN, requestId, segmentIndex, probabilities);
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
    private void Sample(PredictionKind kind, int slot, double confidence, double value, string requestId, int segment, ReadOnlySpan<double> probabilities)
    {
        var now = _time.GetUtcNow();
        bool added;
        if (_pending is PendingPredictionStore local)
        {
            // The default store keeps the fields in its table: no object per sampled prediction.
            added = local.TryAdd(new PendingRecord(requestId, kind, slot, confidence, value, segment, now.UtcTicks, null, null, string.Empty, IsLocal: true), probabilities);
        }
        else
        {
            double[]? vector = probabilities.IsEmpty ? null : probabilities.ToArray();
            added = _pending.TryAdd(new PendingPrediction(requestId, kind, slot, confidence, value, segment, now.UtcTicks, StoredClassLabel(kind, slot), SegmentName(segment), ModelVersion) { Probabilities = vector });
        }

        if (!added)
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
