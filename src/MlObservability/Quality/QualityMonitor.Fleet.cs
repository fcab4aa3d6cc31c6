using System.Diagnostics.Metrics;
using System.Globalization;

namespace MlObservability.Quality;

/// <content>Fleet quality counters: joined labels counted so that replicas add up (see docs/fleet.md).</content>
public sealed partial class QualityMonitor
{
    /// <summary>Tag of the class a per-class fleet counter is about (true class, predicted class or both).</summary>
    internal const string FleetClassTag = "ml.class";

    /// <summary>Tag of the true class on the fleet confusion matrix (the predicted one is <c>ml.prediction.class</c>).</summary>
    internal const string FleetTrueClassTag = "ml.label.class";

    /// <summary>Tag of the calibration bin (0 to 9: confidences in [b/10, (b+1)/10)).</summary>
    internal const string FleetCalibrationBinTag = "ml.confidence.bin";

    private FleetQualityCounters _fleetQuality = null!;
    private KeyValuePair<string, object?>[]?[]? _fleetClassTags;
    private KeyValuePair<string, object?>[]?[]? _fleetConfusionTags;
    private KeyValuePair<string, object?>[][]? _fleetScoreTags;
    private KeyValuePair<string, object?>[][]? _fleetCalibrationTags;
    private KeyValuePair<string, object?>[][]? _fleetDropTags;

    /// <summary>The fleet quality counters' copy, for the in-process figures and tests.</summary>
    internal FleetQualitySnapshot FleetQualitySnapshot() => _fleetQuality.Snapshot();

    /// <summary>The quality figures from this monitor's fleet counters since it started (the figures the generated fleet
    /// rules compute for the union of the replicas).</summary>
    internal FleetQualityFigures FleetQualityFigures() => FleetQualityStatistics.Compute(_fleetQuality.Snapshot());

    private void CreateFleetQuality() => _fleetQuality = new FleetQualityCounters(_classSlots, _binary);

    private void CountFleetClassification(int trueSlot, int predictedSlot, PendingPrediction p) =>
        _fleetQuality.RecordClassification(trueSlot, predictedSlot, p.Confidence, p.Probabilities);

    private void CountFleetRegression(PendingPrediction p, double actual) => _fleetQuality.RecordRegression(p.PredictedValue, actual);

    internal IEnumerable<Measurement<long>> ObserveFleetClasses(int which)
    {
        var s = _fleetQuality.Snapshot();
        if (s.Classifications == 0)
        {
            yield break;
        }

        _fleetClassTags ??= new KeyValuePair<string, object?>[]?[_classSlots];
        var counts = which switch { 0 => s.TrueCounts, 1 => s.PredictedCounts, _ => s.CorrectCounts };
        for (int k = 0; k < _classSlots; k++)
        {
            if (s.TrueCounts[k] + s.PredictedCounts[k] > 0)
            {
                yield return new(counts[k], _fleetClassTags[k] ??= With(FleetClassTag, ClassLabelOf(k)));
            }
        }
    }

    internal IEnumerable<Measurement<long>> ObserveFleetConfusion()
    {
        var s = _fleetQuality.Snapshot();
        const int cap = FleetQualityCounters.MaxConfusionClasses;
        _fleetConfusionTags ??= new KeyValuePair<string, object?>[]?[cap * cap];
        for (int t = 0; t < cap; t++)
        {
            for (int p = 0; p < cap; p++)
            {
                if (s.Confusion[t, p] > 0)
                {
                    yield return new(s.Confusion[t, p], _fleetConfusionTags[(t * cap) + p] ??=
                        [.. _baseTags, new(FleetTrueClassTag, ClassLabelOf(t)), new(SemanticConventions.PredictedClass, ClassLabelOf(p))]);
                }
            }
        }
    }

    internal IEnumerable<Measurement<long>> ObserveFleetScores(bool positive)
    {
        var s = _fleetQuality.Snapshot();
        if (s.NegativeScores.Sum() + s.PositiveScores.Sum() == 0)
        {
            yield break;
        }

        _fleetScoreTags ??= [.. Enumerable.Range(0, FleetQualityCounters.ScoreBins + 1)
            .Select(b => With("le", b == FleetQualityCounters.ScoreBins ? "+Inf" : b.ToString(CultureInfo.InvariantCulture)))];
        var bins = positive ? s.PositiveScores : s.NegativeScores;
        long cumulative = 0;
        for (int b = 0; b < bins.Length; b++)
        {
            cumulative += bins[b];
            yield return new(cumulative, _fleetScoreTags[b]);
        }

        yield return new(cumulative, _fleetScoreTags[bins.Length]);
    }

    internal IEnumerable<Measurement<T>> ObserveFleetCalibration<T>(Func<FleetQualitySnapshot, int, T> value)
        where T : struct
    {
        var s = _fleetQuality.Snapshot();
        if (s.CalibrationCounts.Sum() == 0)
        {
            yield break;
        }

        _fleetCalibrationTags ??= [.. Enumerable.Range(0, FleetQualityCounters.CalibrationBins).Select(b => With(FleetCalibrationBinTag, b.ToString(CultureInfo.InvariantCulture)))];
        for (int b = 0; b < FleetQualityCounters.CalibrationBins; b++)
        {
            yield return new(value(s, b), _fleetCalibrationTags[b]);
        }
    }

    internal IEnumerable<Measurement<T>> ObserveFleetRegression<T>(Func<FleetQualitySnapshot, T> value)
        where T : struct
    {
        var s = _fleetQuality.Snapshot();
        if (s.RegressionCount > 0)
        {
            yield return new(value(s), _baseTags);
        }
    }

    internal IEnumerable<Measurement<long>> ObserveFleetDropped()
    {
        var s = _fleetQuality.Snapshot();
        if (s.Classifications == 0)
        {
            yield break;
        }

        _fleetDropTags ??= [.. FleetQualityCounters.DropReasons.Select(r => With(ProbabilityDropReason, r))];
        for (int r = 0; r < s.Dropped.Length; r++)
        {
            yield return new(s.Dropped[r], _fleetDropTags[r]);
        }
    }
}
