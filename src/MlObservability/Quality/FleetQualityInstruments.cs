using System.Diagnostics.Metrics;

namespace MlObservability.Quality;

/// <summary>The process-wide instruments of the fleet quality counters of every <see cref="QualityMonitor"/> (see
/// docs/fleet.md): counters that Prometheus sums across replicas; the generated fleet rules compute accuracy, F1, AUC,
/// calibration and regression errors from them.</summary>
internal static class FleetQualityInstruments
{
    internal static readonly ObservableCounter<long> Labels = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.labels", () => Many(m => m.ObserveFleetClasses(0)), "{label}", "Labelled classifications since start, by true class (ml.class).");

    internal static readonly ObservableCounter<long> Predicted = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.predicted", () => Many(m => m.ObserveFleetClasses(1)), "{label}", "Labelled classifications since start, by predicted class (ml.class).");

    internal static readonly ObservableCounter<long> Correct = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.correct", () => Many(m => m.ObserveFleetClasses(2)), "{label}", "Correct labelled classifications since start, by class (ml.class).");

    internal static readonly ObservableCounter<long> Confusion = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.confusion", () => Many(m => m.ObserveFleetConfusion()), "{label}", "Labelled classifications since start by true class (ml.label.class) and predicted class (ml.prediction.class), first 10 classes.");

    internal static readonly ObservableCounter<long> ScorePositive = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.score.positive", () => Many(m => m.ObserveFleetScores(true)), "{label}", "Binary models: labelled predictions of true class 1 with P(class 1) in score bins 0..le (20 equal-width bins, cumulative).");

    internal static readonly ObservableCounter<long> ScoreNegative = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.score.negative", () => Many(m => m.ObserveFleetScores(false)), "{label}", "Binary models: labelled predictions of true class 0 with P(class 1) in score bins 0..le (20 equal-width bins, cumulative).");

    internal static readonly ObservableCounter<long> CalibrationCount = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.calibration.count", () => Many(m => m.ObserveFleetCalibration((s, b) => s.CalibrationCounts[b])), "{label}", "Labelled classifications with a confidence, per calibration bin (ml.confidence.bin, 10 equal-width bins).");

    internal static readonly ObservableCounter<long> CalibrationCorrect = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.calibration.correct", () => Many(m => m.ObserveFleetCalibration((s, b) => s.CalibrationCorrect[b])), "{label}", "Correct ones among them, per calibration bin.");

    internal static readonly ObservableCounter<double> CalibrationConfidence = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.calibration.confidence", () => Many(m => m.ObserveFleetCalibration((s, b) => s.CalibrationConfidence[b])), "{confidence}", "Sum of their confidences, per calibration bin.");

    internal static readonly ObservableCounter<long> RegressionCount = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.regression.count", () => Many(m => m.ObserveFleetRegression(s => s.RegressionCount)), "{label}", "Labelled regression predictions since start.");

    internal static readonly ObservableCounter<double> AbsoluteError = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.regression.absolute_error", () => Many(m => m.ObserveFleetRegression(s => s.AbsoluteErrorSum)), "{value}", "Sum of absolute errors |y - y_hat| of labelled regression predictions.");

    internal static readonly ObservableCounter<double> SquaredError = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.regression.squared_error", () => Many(m => m.ObserveFleetRegression(s => s.SquaredErrorSum)), "{value}", "Sum of squared errors of labelled regression predictions.");

    internal static readonly ObservableCounter<double> PercentageError = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.regression.percentage_error", () => Many(m => m.ObserveFleetRegression(s => s.PercentageErrorSum)), "{fraction}", "Sum of absolute percentage errors |y - y_hat| / max(|y|, eps) (fractions) of labelled regression predictions.");

    internal static readonly ObservableCounter<long> Dropped = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.fleet.dropped", () => Many(m => m.ObserveFleetDropped()), "{label}", "Labelled classifications left out of a fleet counter, by reason (confusion_classes, no_confidence, no_score).");

    /// <summary>Creates the instruments (touching any field runs the type's initialiser).</summary>
    internal static void EnsureCreated() => _ = Labels;

    private static IEnumerable<Measurement<T>> Many<T>(Func<QualityMonitor, IEnumerable<Measurement<T>>> observe)
        where T : struct
    {
        foreach (var monitor in QualityInstruments.Live.Items)
        {
            foreach (var measurement in observe(monitor))
            {
                yield return measurement;
            }
        }
    }
}
