namespace MlObservability.Quality;

/// <content>Late ground-truth labels joined to sampled predictions.</content>
public sealed partial class QualityMonitor
{
    /// <summary>Joins a ground-truth class label to the sampled prediction of a request. Never throws.</summary>
    /// <param name="requestId">The request id given when the prediction was recorded.</param>
    /// <param name="label">The true class label.</param>
    /// <returns>What became of the label.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, string label)
    {
        if (string.IsNullOrEmpty(requestId) || string.IsNullOrEmpty(label) || !AcceptableRequestId(requestId))
        {
            return Count(GroundTruthOutcome.Invalid);
        }

        return JoinClass(requestId, _classes.GetOrAdd(label));
    }

    /// <summary>Joins a ground-truth class index to the sampled prediction of a request. Never throws.</summary>
    /// <param name="requestId">The request id given when the prediction was recorded.</param>
    /// <param name="trueClass">The true class index (negative is invalid).</param>
    /// <returns>What became of the label.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, int trueClass)
    {
        if (string.IsNullOrEmpty(requestId) || trueClass < 0 || !AcceptableRequestId(requestId))
        {
            return Count(GroundTruthOutcome.Invalid);
        }

        return JoinClass(requestId, Math.Min(trueClass, _classes.OverflowIndex));
    }

    /// <summary>Joins a ground-truth value to the sampled regression prediction of a request. Never throws.</summary>
    /// <param name="requestId">The request id given when the prediction was recorded.</param>
    /// <param name="value">The true value (NaN and infinities are invalid).</param>
    /// <returns>What became of the label.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, double value)
    {
        if (string.IsNullOrEmpty(requestId) || !double.IsFinite(value) || !AcceptableRequestId(requestId))
        {
            return Count(GroundTruthOutcome.Invalid);
        }

        var outcome = _pending.TryTake(requestId, _time.GetUtcNow().UtcTicks, out var p);
        if (outcome != GroundTruthOutcome.Joined)
        {
            return Count(outcome);
        }

        if (p!.Kind != PredictionKind.Regression)
        {
            return Count(GroundTruthOutcome.Invalid);
        }

        _labelled.Add(new LabelledPrediction(PredictionKind.Regression, -1, -1, double.NaN, p.PredictedValue, value, p.Segment, p.TimestampTicks));
        return Count(GroundTruthOutcome.Joined);
    }

    private GroundTruthOutcome JoinClass(string requestId, int trueSlot)
    {
        var outcome = _pending.TryTake(requestId, _time.GetUtcNow().UtcTicks, out var p);
        if (outcome != GroundTruthOutcome.Joined)
        {
            return Count(outcome);
        }

        if (p!.Kind != PredictionKind.Classification)
        {
            return Count(GroundTruthOutcome.Invalid);
        }

        _labelled.Add(new LabelledPrediction(PredictionKind.Classification, p.PredictedClass, trueSlot, p.Confidence, double.NaN, double.NaN, p.Segment, p.TimestampTicks));
        if (_calibration.Observe(p.Confidence, p.PredictedClass == trueSlot))
        {
            Diagnostics.MlObservabilityEventSource.Log.QualityCalibrationFitted(ModelName, _calibration.LabelsUsed);
        }

        return Count(GroundTruthOutcome.Joined);
    }

    private GroundTruthOutcome Count(GroundTruthOutcome outcome)
    {
        _counters.Increment(CounterLabels + (int)outcome);
        return outcome;
    }
}
