namespace MlObservability.Quality;

/// <content>Late ground-truth labels joined to sampled predictions.</content>
public sealed partial class QualityMonitor
{
    /// <summary>Joins a ground-truth class label to the sampled prediction of a request. Never throws. With a shared
    /// pending store this waits for one round trip to it (never on the inference thread).</summary>
    /// <param name="requestId">The request id given when the prediction was recorded.</param>
    /// <param name="label">The true class label.</param>
    /// <returns>What became of the label.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, string label) => RecordGroundTruth(GroundTruthLabel.ForClass(requestId, label));

    /// <summary>
    /// Joins a whole-number label to the sampled prediction of a request: a class index for a classifier, a true value for a
    /// regression model (so <c>RecordGroundTruth(id, 275)</c> does what the model's predictions say it is). Never throws.
    /// </summary>
    /// <param name="requestId">The request id given when the prediction was recorded.</param>
    /// <param name="trueClass">The true class index (negative is invalid for a classifier), or the true value of a regression prediction.</param>
    /// <returns>What became of the label.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, int trueClass) =>
        RecordGroundTruth(IsRegressionModel ? GroundTruthLabel.ForValue(requestId, trueClass) : GroundTruthLabel.ForWholeNumber(requestId, trueClass));

    /// <summary>Whether this monitor has seen regression outputs and no classification: a whole-number label is then a value.</summary>
    private bool IsRegressionModel => _counters.Read(CounterRegressions) > 0 && !_predictions.AnyNonZero();

    /// <summary>Joins a ground-truth value to the sampled regression prediction of a request. Never throws.</summary>
    /// <param name="requestId">The request id given when the prediction was recorded.</param>
    /// <param name="value">The true value (NaN and infinities are invalid).</param>
    /// <returns>What became of the label.</returns>
    public GroundTruthOutcome RecordGroundTruth(string requestId, double value) => RecordGroundTruth(GroundTruthLabel.ForValue(requestId, value));

    /// <summary>
    /// Joins many labels, for label pipelines: a shared store looks them up in pipelined round trips. Each label gets its
    /// own outcome, in order; the outcomes count in this monitor exactly as single labels do. Does not throw for bad labels
    /// (they are <see cref="GroundTruthOutcome.Invalid"/>) or for an unreachable store (the local fallback answers).
    /// </summary>
    /// <param name="labels">The labels.</param>
    /// <param name="cancellationToken">Stops waiting; labels not yet looked up are not counted and the task is cancelled.</param>
    /// <returns>The outcome of each label, in order.</returns>
    public async Task<GroundTruthOutcome[]> RecordGroundTruthBatchAsync(IReadOnlyList<GroundTruthLabel> labels, CancellationToken cancellationToken = default)
    {
        Diagnostics.Guard.NotNull(labels);
        var outcomes = new GroundTruthOutcome[labels.Count];
        var valid = new List<int>(labels.Count);
        var ids = new List<string>(labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            if (IsValid(labels[i]))
            {
                valid.Add(i);
                ids.Add(labels[i].RequestId);
            }
            else
            {
                outcomes[i] = GroundTruthOutcome.Invalid;
            }
        }

        var taken = new GroundTruthOutcome[ids.Count];
        var predictions = new PendingPrediction?[ids.Count];
        await _pending.TakeManyAsync(ids, _time.GetUtcNow(), taken, predictions, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        for (int j = 0; j < valid.Count; j++)
        {
            outcomes[valid[j]] = taken[j] == GroundTruthOutcome.Joined ? Join(labels[valid[j]], predictions[j]!) : taken[j];
        }

        foreach (var outcome in outcomes)
        {
            Count(outcome);
        }

        return outcomes;
    }

    private GroundTruthOutcome RecordGroundTruth(GroundTruthLabel label)
    {
        if (!IsValid(label))
        {
            return Count(GroundTruthOutcome.Invalid);
        }

        GroundTruthOutcome outcome;
        PendingPrediction? p;
        try
        {
            outcome = _pending.TryTake(label.RequestId, _time.GetUtcNow(), out p);
        }
#pragma warning disable CA1031 // a user store must never make a label throw
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Diagnostics.MlObservabilityEventSource.Log.BackgroundFailure(nameof(IPendingPredictionStore), ex);
            return Count(GroundTruthOutcome.UnknownId);
        }

        return Count(outcome == GroundTruthOutcome.Joined ? Join(label, p!) : outcome);
    }

    private bool IsValid(in GroundTruthLabel label) =>
        !string.IsNullOrEmpty(label.RequestId)
        && (label.Kind == PredictionKind.Regression ? double.IsFinite(label.Value) : label.Label is { Length: > 0 } || (label.Label is null && label.ClassIndex >= 0))
        && IsConfiguredClass(label)
        && AcceptableRequestId(label.RequestId);

    /// <summary>
    /// With <see cref="QualityMonitorOptions.ClassLabels"/> configured, a class label must be one of them or a class the
    /// model has predicted (a class index must be below the number of those): an unknown one is
    /// <see cref="GroundTruthOutcome.Invalid"/> before the pending prediction is looked up, so the prediction keeps
    /// waiting for its correct label.
    /// </summary>
    private bool IsConfiguredClass(in GroundTruthLabel label)
    {
        if (_configuredLabels.Length == 0 || label.Kind != PredictionKind.Classification)
        {
            return true;
        }

        // Configured, or predicted by the model (predictions may name classes past the configured ones).
        return label.Label is null
            ? label.ClassIndex < Math.Max(_configuredLabels.Length, _classes.Count)
            : _classes.IndexOf(label.Label) >= 0;
    }

    /// <summary>Records a taken prediction with its label into this monitor; returns Joined, or Invalid for a label of the wrong kind.</summary>
    private GroundTruthOutcome Join(in GroundTruthLabel label, PendingPrediction p)
    {
        // A whole number given for a regression prediction (this replica saw no outputs, the store is shared) is a value.
        bool wholeNumberValue = p.Kind == PredictionKind.Regression && label.Kind == PredictionKind.Classification && double.IsFinite(label.Value);
        if (p.Kind != label.Kind && !wholeNumberValue)
        {
            return GroundTruthOutcome.Invalid;
        }

        int segment = p.IsLocal ? p.SegmentIndex : p.Segment is null ? -1 : _segments.GetOrAdd(p.Segment);
        if (p.Kind == PredictionKind.Regression)
        {
            _labelled.Add(new LabelledPrediction(PredictionKind.Regression, -1, -1, double.NaN, p.PredictedValue, label.Value, segment, p.TimestampTicks));
            CountFleetRegression(p, label.Value);
            return GroundTruthOutcome.Joined;
        }

        int trueSlot = label.Label is null ? Math.Min(label.ClassIndex, _classes.OverflowIndex) : _classes.GetOrAdd(label.Label);
        int predictedSlot = p.IsLocal || p.PredictedLabel is null ? Math.Min(Math.Max(p.PredictedClass, 0), _classes.OverflowIndex)
            : p.PredictedLabel == SemanticConventions.OverflowValue ? _classes.OverflowIndex
            : _classes.GetOrAdd(p.PredictedLabel);
        _labelled.Add(new LabelledPrediction(PredictionKind.Classification, predictedSlot, trueSlot, p.Confidence, double.NaN, double.NaN, segment, p.TimestampTicks, p.Probabilities));
        CountFleetClassification(trueSlot, predictedSlot, p);
        _options.ErrorStream?.Record(predictedSlot == trueSlot ? 0.0 : 1.0);
        if (!double.IsNaN(p.Confidence) && _calibration.Observe(p.Confidence, predictedSlot == trueSlot))
        {
            Diagnostics.MlObservabilityEventSource.Log.QualityCalibrationFitted(ModelName, _calibration.LabelsUsed);
        }

        return GroundTruthOutcome.Joined;
    }

    private GroundTruthOutcome Count(GroundTruthOutcome outcome)
    {
        _counters.Increment(CounterLabels + (int)outcome);
        return outcome;
    }
}
