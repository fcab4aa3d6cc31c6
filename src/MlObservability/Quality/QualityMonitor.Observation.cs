using System.Diagnostics.Metrics;
using System.Globalization;

namespace MlObservability.Quality;

/// <content>Measurements for the observable instruments, read at collection time.</content>
public sealed partial class QualityMonitor
{
    private readonly KeyValuePair<string, object?>[]?[] _classTags;
    private readonly KeyValuePair<string, object?>[]?[] _segmentTags;
    private KeyValuePair<string, object?>[]? _macroTags;
    private KeyValuePair<string, object?>[][]? _labelOutcomeTags;
    private KeyValuePair<string, object?>[][]? _evictionTags;
    private KeyValuePair<string, object?>[][]? _confidenceQuantileTags;
    private KeyValuePair<string, object?>[][]? _probabilityDropTags;

    /// <summary>Tag key of the reason of <c>ml.predictions.probabilities.dropped</c> (as <c>ml.data.invalid</c>'s).</summary>
    private const string ProbabilityDropReason = "reason";

    internal ReadOnlySpan<KeyValuePair<string, object?>> BaseTags => _baseTags;

    internal IEnumerable<Measurement<long>> ObservePredictions()
    {
        for (int slot = 0; slot < _classSlots; slot++)
        {
            long count = _predictions.Read(slot);
            if (count > 0)
            {
                yield return new(count, ClassTags(slot));
            }
        }
    }

    internal Measurement<long> ObserveCounter(int counter) => new(_counters.Read(counter), _baseTags);

    internal IEnumerable<Measurement<long>> ObserveLabels()
    {
        _labelOutcomeTags ??= Enum.GetValues<GroundTruthOutcome>().Select(o => With(SemanticConventions.LabelOutcome, OutcomeName(o))).ToArray();
        for (int i = 0; i < _labelOutcomeTags.Length; i++)
        {
            yield return new(_counters.Read(CounterLabels + i), _labelOutcomeTags[i]);
        }
    }

    internal IEnumerable<Measurement<long>> ObserveEvictions()
    {
        _evictionTags ??= [With(SemanticConventions.EvictionReason, "expired"), With(SemanticConventions.EvictionReason, "capacity"), With(SemanticConventions.EvictionReason, "bytes")];
        yield return new(_pending.ExpiredCount, _evictionTags[0]);
        yield return new(_pending.EvictedCount, _evictionTags[1]);
        yield return new(_pending.EvictedForBytesCount, _evictionTags[2]);
    }

    internal IEnumerable<Measurement<long>> ObserveProbabilitiesDropped()
    {
        _probabilityDropTags ??= [With(ProbabilityDropReason, "length"), With(ProbabilityDropReason, "too_many_classes")];
        yield return new(_counters.Read(CounterProbabilitiesLength), _probabilityDropTags[0]);
        yield return new(_counters.Read(CounterProbabilitiesTooMany), _probabilityDropTags[1]);
    }

    internal Measurement<long> ObservePending() => new(_pending.Count, _baseTags);

    internal Measurement<long> ObservePendingBytes() => new(_pending.Bytes, _baseTags);

    internal IEnumerable<Measurement<double>> ObserveConfidenceQuantiles()
    {
        var snapshot = _confidence.GetSnapshot();
        if (snapshot.Count == 0)
        {
            yield break;
        }

        _confidenceQuantileTags ??= _options.ExportedQuantiles.Select(q => With(SemanticConventions.Quantile, q.ToString(CultureInfo.InvariantCulture))).ToArray();
        for (int i = 0; i < _confidenceQuantileTags.Length; i++)
        {
            yield return new(snapshot.GetQuantile(_options.ExportedQuantiles[i]), _confidenceQuantileTags[i]);
        }
    }

    internal IEnumerable<Measurement<double>> ObserveValueQuantiles()
    {
        var snapshot = _regressionValues.Snapshot();
        if (snapshot.Count == 0)
        {
            yield break;
        }

        _confidenceQuantileTags ??= _options.ExportedQuantiles.Select(q => With(SemanticConventions.Quantile, q.ToString(CultureInfo.InvariantCulture))).ToArray();
        for (int i = 0; i < _confidenceQuantileTags.Length; i++)
        {
            yield return new(snapshot.GetQuantile(_options.ExportedQuantiles[i]), _confidenceQuantileTags[i]);
        }
    }

    internal IEnumerable<Measurement<double>> ObserveLowConfidenceShare()
    {
        double share = LowConfidenceShare;
        if (!double.IsNaN(share))
        {
            yield return new(share, _baseTags);
        }
    }

    internal IEnumerable<Measurement<double>> ObserveAccuracy()
    {
        var report = LatestReport;
        if (report.Classification.Count > 0)
        {
            yield return new(report.Classification.Accuracy, _baseTags);
        }

        foreach (var (segment, segmentReport) in report.Segments)
        {
            yield return new(segmentReport.Accuracy, SegmentTags(segment));
        }
    }

    internal IEnumerable<Measurement<double>> ObserveEstimatedAccuracy()
    {
        double estimate = LatestReport.EstimatedAccuracy;
        if (!double.IsNaN(estimate))
        {
            yield return new(estimate, _baseTags);
        }
    }

    /// <summary>Per-class values and the macro average of precision (0), recall (1) or F1 (2).</summary>
    internal IEnumerable<Measurement<double>> ObservePerClass(int which)
    {
        var report = LatestReport.Classification;
        if (report.Count == 0)
        {
            yield break;
        }

        foreach (var c in report.Classes)
        {
            yield return new(which == 0 ? c.Precision : which == 1 ? c.Recall : c.F1, ClassTags(c.ClassIndex));
        }

        _macroTags ??= With(SemanticConventions.MetricAverage, "macro");
        yield return new(which == 0 ? report.MacroPrecision : which == 1 ? report.MacroRecall : report.MacroF1, _macroTags);
    }

    internal IEnumerable<Measurement<double>> ObserveValue(Func<QualityReport, double> value)
    {
        double v = value(LatestReport);
        if (!double.IsNaN(v))
        {
            yield return new(v, _baseTags);
        }
    }

    internal IEnumerable<Measurement<long>> ObserveLabelled()
    {
        var report = LatestReport;
        yield return new(report.Classification.Count + report.Regression.Count, _baseTags);
    }

    private static string OutcomeName(GroundTruthOutcome outcome) => outcome switch
    {
        GroundTruthOutcome.Joined => "joined",
        GroundTruthOutcome.UnknownId => "unknown_id",
        GroundTruthOutcome.Expired => "expired",
        GroundTruthOutcome.Duplicate => "duplicate",
        _ => "invalid",
    };

    private KeyValuePair<string, object?>[] With(string key, string value) => [.. _baseTags, new(key, value)];

    private KeyValuePair<string, object?>[] ClassTags(int slot) =>
        _classTags[slot] ??= With(SemanticConventions.PredictedClass, ClassLabelOf(slot));

    private KeyValuePair<string, object?>[] SegmentTags(string segment)
    {
        int index = segment == Cardinality_Overflow ? _segments.OverflowIndex : _segments.IndexOf(segment);
        return index < 0 ? With(SemanticConventions.Segment, segment) : _segmentTags[index] ??= With(SemanticConventions.Segment, segment);
    }

    private const string Cardinality_Overflow = SemanticConventions.OverflowValue;
}
