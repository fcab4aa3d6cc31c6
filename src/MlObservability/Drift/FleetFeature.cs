using System.Globalization;

namespace MlObservability.Drift;

/// <summary>One feature (or the model score) with fleet counters: its bins, the reference's cumulative fraction per
/// bin and the reference size, and the tags its series are exported with.</summary>
internal sealed class FleetFeature
{
    public FleetFeature(string name, int profileIndex, FeatureProfile reference, int bins, KeyValuePair<string, object?>[] baseTags)
    {
        Name = name;
        ProfileIndex = profileIndex;
        IsCategorical = reference.Kind == FeatureKind.Categorical;
        if (IsCategorical)
        {
            Edges = reference.CategoryValueArray;
            ReferenceRows = reference.CategoryCountArray.Sum();
            ReferenceCumulative = new double[Edges.Length + 1];
            long cumulative = 0;
            for (var i = 0; i < Edges.Length; i++)
            {
                cumulative += reference.CategoryCountArray[i];
                ReferenceCumulative[i] = ReferenceRows == 0 ? 0 : (double)cumulative / ReferenceRows;
            }

            ReferenceCumulative[^1] = 1;
        }
        else
        {
            var binning = FleetBinning.FromReferenceQuantiles(reference.SortedSample, bins);
            Edges = binning.Edges.ToArray();
            ReferenceRows = reference.SortedSample.Length;
            ReferenceCumulative = binning.CumulativeFractions(reference.SortedSample);
        }

        BinCount = Edges.Length + 1;
        var common = new KeyValuePair<string, object?>[baseTags.Length + 1];
        baseTags.CopyTo(common, 0);
        common[^1] = new(SemanticConventions.FeatureName, name);
        RowTags = [.. common, new(DriftInstruments.FeatureKindTag, IsCategorical ? "categorical" : "numeric")];
        BinTags = new KeyValuePair<string, object?>[BinCount + 1][];
        for (var i = 0; i <= BinCount; i++)
        {
            BinTags[i] = [.. common, new(DriftInstruments.BinTag, LeOf(i, BinCount))];
        }
    }

    /// <summary>The feature name (<see cref="ReferenceProfile.ScoreName"/> for the model score).</summary>
    public string Name { get; }

    /// <summary>The feature's index in the profile; -1 for the score.</summary>
    public int ProfileIndex { get; }

    /// <summary>Whether values are category codes (bins: the reference categories ascending, then <c>other</c>).</summary>
    public bool IsCategorical { get; }

    /// <summary>Numeric: the interior edges; categorical: the reference category codes, ascending.</summary>
    public double[] Edges { get; }

    /// <summary>The number of bins.</summary>
    public int BinCount { get; }

    /// <summary>The reference's cumulative fraction through each bin.</summary>
    public double[] ReferenceCumulative { get; }

    /// <summary>The number of reference values the fractions were counted from.</summary>
    public long ReferenceRows { get; }

    /// <summary>Tags of bin i (<c>le</c> = i) for i &lt; <see cref="BinCount"/>, and of <c>le="+Inf"</c> at
    /// <see cref="BinCount"/>.</summary>
    public KeyValuePair<string, object?>[][] BinTags { get; }

    /// <summary>Tags of the reference-size gauge (with the feature kind).</summary>
    public KeyValuePair<string, object?>[] RowTags { get; }

    /// <summary>The <c>le</c> label of bin i: "0".."k-1", then "+Inf" for i = k.</summary>
    /// <param name="i">The bin index, or the bin count for +Inf.</param>
    /// <param name="binCount">The bin count.</param>
    /// <returns>The label value.</returns>
    public static string LeOf(int i, int binCount) => i >= binCount ? "+Inf" : i.ToString(CultureInfo.InvariantCulture);
}
