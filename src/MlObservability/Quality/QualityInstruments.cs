using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Quality;

/// <summary>The process-wide instruments behind every <see cref="QualityMonitor"/>; created once on the shared meter.</summary>
internal static class QualityInstruments
{
    internal static readonly InstanceRegistry<QualityMonitor> Live = new();

    internal static readonly ObservableCounter<long> Predictions = MlTelemetry.Meter.CreateObservableCounter(
        "ml.predictions", () => Many(m => m.ObservePredictions()), "{prediction}", "Classifications recorded, by predicted class.");

    internal static readonly ObservableCounter<long> LowConfidence = MlTelemetry.Meter.CreateObservableCounter(
        "ml.predictions.low_confidence", () => One(m => m.ObserveCounter(QualityMonitor.CounterLowConfidence)), "{prediction}", "Classifications whose confidence was below the low-confidence threshold.");

    internal static readonly ObservableCounter<long> Regressions = MlTelemetry.Meter.CreateObservableCounter(
        "ml.predictions.regression", () => One(m => m.ObserveCounter(QualityMonitor.CounterRegressions)), "{prediction}", "Regression outputs recorded.");

    internal static readonly ObservableCounter<long> Invalid = MlTelemetry.Meter.CreateObservableCounter(
        "ml.predictions.invalid", () => One(m => m.ObserveCounter(QualityMonitor.CounterInvalid)), "{prediction}", "Predictions dropped as invalid (negative class, confidence or probability outside [0, 1], non-finite value).");

    internal static readonly ObservableCounter<long> Sampled = MlTelemetry.Meter.CreateObservableCounter(
        "ml.predictions.sampled", () => One(m => m.ObserveCounter(QualityMonitor.CounterSampled)), "{prediction}", "Predictions sampled for ground-truth labelling.");

    internal static readonly ObservableCounter<long> ReviewDropped = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.review.dropped", () => One(m => m.ObserveCounter(QualityMonitor.CounterReviewDropped)), "{prediction}", "Sampled predictions the review sink refused because it was full.");

    internal static readonly ObservableCounter<long> Labels = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.labels", () => Many(m => m.ObserveLabels()), "{label}", "Ground-truth labels received, by outcome (joined, unknown_id, expired, duplicate, invalid).");

    internal static readonly ObservableCounter<long> Evicted = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.pending.evicted", () => Many(m => m.ObserveEvictions()), "{prediction}", "Sampled predictions dropped before their label came, by reason (expired, capacity, bytes).");

    internal static readonly ObservableUpDownCounter<long> Pending = MlTelemetry.Meter.CreateObservableUpDownCounter(
        "ml.quality.pending", () => One(m => m.ObservePending()), "{prediction}", "Sampled predictions waiting for their label.");

    internal static readonly ObservableUpDownCounter<long> PendingBytes = MlTelemetry.Meter.CreateObservableUpDownCounter(
        "ml.quality.pending.bytes", () => One(m => m.ObservePendingBytes()), "By", "Estimated memory of the sampled predictions waiting for their label (bounded by PendingMaxBytes).");

    internal static readonly ObservableCounter<long> RejectedRequestIds = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.request_ids.rejected", () => One(m => m.ObserveCounter(QualityMonitor.CounterRequestIdTooLong)), "{request}", "Predictions and labels whose request id was longer than 256 characters: not sampled or joined.");

    internal static readonly ObservableCounter<long> ProbabilitiesDropped = MlTelemetry.Meter.CreateObservableCounter(
        "ml.predictions.probabilities.dropped", () => Many(m => m.ObserveProbabilitiesDropped()), "{prediction}", "Probability vectors dropped (the prediction kept with its confidence), by reason: length (not one entry per ClassLabels entry, or fewer than 2), too_many_classes (more than MaxClasses).");

    internal static readonly ObservableGauge<long> Labelled = MlTelemetry.Meter.CreateObservableGauge(
        "ml.quality.labelled", () => Many(m => m.ObserveLabelled()), "{label}", "Labelled predictions behind the rolling quality metrics.");

    internal static readonly ObservableGauge<double> ConfidenceQuantile = MlTelemetry.Meter.CreateObservableGauge(
        "ml.prediction.confidence.quantile", () => Many(m => m.ObserveConfidenceQuantiles()), "{confidence}", "Quantiles of prediction confidence over the recent window (relative error at most 1 %).");

    internal static readonly ObservableGauge<double> ValueQuantile = MlTelemetry.Meter.CreateObservableGauge(
        "ml.prediction.value.quantile", () => Many(m => m.ObserveValueQuantiles()), "{value}", "Quantiles of regression outputs since start (relative error at most 1 %).");

    internal static readonly ObservableGauge<double> LowConfidenceShare = MlTelemetry.Meter.CreateObservableGauge(
        "ml.predictions.low_confidence.share", () => Many(m => m.ObserveLowConfidenceShare()), "1", "Share of classifications below the low-confidence threshold over the recent window.");

    internal static readonly ObservableGauge<double> Accuracy = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.accuracy", () => Many(m => m.ObserveAccuracy()), "1", "Accuracy over the last N labelled predictions, overall and per segment.");

    internal static readonly ObservableGauge<double> EstimatedAccuracy = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.accuracy.estimated", () => Many(m => m.ObserveEstimatedAccuracy()), "1", "Label-free accuracy estimate of recent predictions from calibrated confidences (CBPE).");

    internal static readonly ObservableGauge<double> Precision = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.precision", () => Many(m => m.ObservePerClass(0)), "1", "Precision per class and macro average over the last N labelled predictions.");

    internal static readonly ObservableGauge<double> Recall = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.recall", () => Many(m => m.ObservePerClass(1)), "1", "Recall per class and macro average over the last N labelled predictions.");

    internal static readonly ObservableGauge<double> F1 = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.f1", () => Many(m => m.ObservePerClass(2)), "1", "F1 score per class and macro average over the last N labelled predictions.");

    internal static readonly ObservableGauge<double> RocAuc = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.roc_auc", () => Many(m => m.ObserveValue(r => r.Classification.RocAuc)), "1", "ROC AUC of a binary model over the last N labelled predictions.");

    internal static readonly ObservableGauge<double> LogLoss = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.log_loss", () => Many(m => m.ObserveValue(r => r.Classification.LogLoss)), "{nat}", "Log loss over the last N labelled predictions: of a binary model, or of a multiclass model over those recorded with probability vectors.");

    internal static readonly ObservableGauge<double> Brier = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.brier_score", () => Many(m => m.ObserveValue(r => r.Classification.BrierScore)), "1", "Brier score over the last N labelled predictions: of a binary model, or of a multiclass model over those recorded with probability vectors.");

    internal static readonly ObservableGauge<double> CalibrationError = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.calibration_error", () => Many(m => m.ObserveValue(r => r.Classification.ExpectedCalibrationError)), "1", "Expected calibration error (10 equal-width bins) over the last N labelled predictions.");

    internal static readonly ObservableGauge<double> Mae = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.mae", () => Many(m => m.ObserveValue(r => r.Regression.MeanAbsoluteError)), "{value}", "Mean absolute error over the last N labelled regression predictions.");

    internal static readonly ObservableGauge<double> Rmse = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.rmse", () => Many(m => m.ObserveValue(r => r.Regression.RootMeanSquaredError)), "{value}", "Root mean squared error over the last N labelled regression predictions.");

    internal static readonly ObservableGauge<double> Mape = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.mape", () => Many(m => m.ObserveValue(r => r.Regression.MeanAbsolutePercentageError)), "1", "Mean absolute percentage error (a fraction) over the last N labelled regression predictions.");

    /// <summary>Touches the static fields so every instrument exists once any monitor does.</summary>
    private static IEnumerable<Measurement<T>> Many<T>(Func<QualityMonitor, IEnumerable<Measurement<T>>> observe)
        where T : struct
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var measurement in observe(monitor))
            {
                yield return measurement;
            }
        }
    }

    private static IEnumerable<Measurement<T>> One<T>(Func<QualityMonitor, Measurement<T>> observe)
        where T : struct
    {
        foreach (var monitor in Live.Items)
        {
            yield return observe(monitor);
        }
    }
}
