using System.Diagnostics.Metrics;

namespace MlObservability.Drift;

/// <summary>Data-quality and row counters, read by the observable instruments.</summary>
public sealed partial class DriftMonitor
{
    private static readonly string[] ReasonNames = ["missing", "non_finite", "out_of_range", "unseen_category"];

    private readonly KeyValuePair<string, object?>[][] _invalidTags;
    private KeyValuePair<string, object?>[]? _wrongLengthTags;
    private KeyValuePair<string, object?>[]? _unknownFeatureTags;
    private KeyValuePair<string, object?>[]? _evaluatedTags;
    private KeyValuePair<string, object?>[]? _skippedTags;

    /// <summary>The count of data-quality problems of one feature (or <see cref="ReferenceProfile.ScoreName"/> /
    /// <see cref="ReferenceProfile.PredictedClassName"/>) and reason since the monitor started.</summary>
    /// <param name="feature">The feature name.</param>
    /// <param name="reason">The reason (<see cref="DataQualityReason.WrongLength"/> and
    /// <see cref="DataQualityReason.UnknownFeature"/> are per model; the feature is ignored for them).</param>
    /// <returns>The count; 0 for an unknown feature.</returns>
    public long GetInvalidCount(string feature, DataQualityReason reason)
    {
        if (reason == DataQualityReason.WrongLength)
        {
            return Volatile.Read(ref _wrongLength);
        }

        if (reason == DataQualityReason.UnknownFeature)
        {
            return Volatile.Read(ref _unknownFeature);
        }

        var index = feature == ReferenceProfile.ScoreName ? _featureCount
            : feature == ReferenceProfile.PredictedClassName ? _featureCount + 1
            : _featureIndex.TryGetValue(feature, out var i) ? i : -1;
        return index < 0 ? 0 : Volatile.Read(ref _invalid[(index * QualityReasons) + (int)reason]);
    }

    /// <summary>Rows skipped because the window was full (tumbling) or the slice capped (sliding).</summary>
    public long SkippedRows => _skippedRows.Read(0);

    /// <summary>Rows that were part of an evaluated window.</summary>
    public long EvaluatedRows => Volatile.Read(ref _evaluatedRows);

    /// <summary>Rows recorded into a count window that is not full yet: neither evaluated nor skipped, they are
    /// evaluated with the window once it fills.</summary>
    internal int PendingRows => _featureWindow.PendingRows;

    internal DriftWindow FeatureWindow => _featureWindow;

    internal IEnumerable<Measurement<long>> ObserveInvalid()
    {
        for (var i = 0; i < _invalid.Length; i++)
        {
            var count = Volatile.Read(ref _invalid[i]);
            if (count > 0)
            {
                yield return new Measurement<long>(count, _invalidTags[i]);
            }
        }

        var wrong = Volatile.Read(ref _wrongLength);
        if (wrong > 0)
        {
            yield return new Measurement<long>(wrong, _wrongLengthTags ??= [.. _baseTags, new(DriftInstruments.ReasonTag, "wrong_length")]);
        }

        var unknown = Volatile.Read(ref _unknownFeature);
        if (unknown > 0)
        {
            yield return new Measurement<long>(
                unknown,
                _unknownFeatureTags ??= [.. _baseTags, new(SemanticConventions.FeatureName, SemanticConventions.OverflowValue), new(DriftInstruments.ReasonTag, "unknown_feature")]);
        }
    }

    internal IEnumerable<Measurement<long>> ObserveRows()
    {
        yield return new Measurement<long>(EvaluatedRows, _evaluatedTags ??= [.. _baseTags, new(DriftInstruments.RowOutcomeTag, "evaluated")]);
        yield return new Measurement<long>(SkippedRows, _skippedTags ??= [.. _baseTags, new(DriftInstruments.RowOutcomeTag, "skipped")]);
    }

    internal IEnumerable<Measurement<long>> ObserveDeferredEvaluations()
    {
        yield return new Measurement<long>(DeferredEvaluations, _baseTags);
    }

    private KeyValuePair<string, object?>[][] BuildInvalidTags()
    {
        var tags = new KeyValuePair<string, object?>[_invalid.Length][];
        for (var f = 0; f < _featureCount + 2; f++)
        {
            var name = f < _featureCount ? _profile.Features[f].Name : f == _featureCount ? ReferenceProfile.ScoreName : ReferenceProfile.PredictedClassName;
            for (var r = 0; r < QualityReasons; r++)
            {
                tags[(f * QualityReasons) + r] = [.. _baseTags, new(SemanticConventions.FeatureName, name), new(DriftInstruments.ReasonTag, ReasonNames[r])];
            }
        }

        return tags;
    }
}
