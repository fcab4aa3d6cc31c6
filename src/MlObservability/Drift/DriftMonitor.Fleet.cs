using System.Diagnostics.Metrics;

namespace MlObservability.Drift;

/// <summary>Fleet counters: per-bin counts that add up across replicas (see docs/fleet.md).</summary>
public sealed partial class DriftMonitor
{
    private FleetDriftCounters? _fleet;

    /// <summary>The fleet counters' memory in bytes (0 when no feature has them).</summary>
    public long FleetCounterMemoryBytes => _fleet?.MemoryBytes ?? 0;

    /// <summary>The names of the features (and <see cref="ReferenceProfile.ScoreName"/>) that have fleet counters.</summary>
    public IReadOnlyList<string> FleetFeatures => _fleet is null ? [] : [.. _fleet.Slots.Select(s => s.Name)];

    internal FleetDriftCounters? Fleet => _fleet;

    /// <summary>The cumulative fleet counts of one feature since the monitor started: element i counts the values in
    /// bins 0..i; the last is every counted value.</summary>
    /// <param name="feature">A feature with fleet counters, or <see cref="ReferenceProfile.ScoreName"/>.</param>
    /// <returns>The cumulative counts, or an empty array when the feature has no fleet counters.</returns>
    public long[] GetFleetCumulativeCounts(string feature)
    {
        var fleet = _fleet;
        if (fleet is null)
        {
            return [];
        }

        for (var s = 0; s < fleet.Slots.Count; s++)
        {
            if (fleet.Slots[s].Name == feature)
            {
                var counts = new long[fleet.Slots[s].BinCount];
                fleet.ReadCounts(s, counts);
                for (var i = 1; i < counts.Length; i++)
                {
                    counts[i] += counts[i - 1];
                }

                return counts;
            }
        }

        return [];
    }

    private void BuildFleetCounters()
    {
        var chosen = _options.FleetFeatures is { } names ? new HashSet<string>(names, StringComparer.Ordinal) : null;
        var slots = new List<FleetFeature>();
        for (var i = 0; i < _featureCount; i++)
        {
            var f = _profile.Features[i];
            var tooManyCategories = f.Kind == FeatureKind.Categorical && f.CategoryValues.Length + 1 > DriftMonitorOptions.MaxFleetBins;
            if (!f.IsEmpty && !tooManyCategories && (chosen is null || chosen.Contains(f.Name)))
            {
                slots.Add(new FleetFeature(f.Name, i, f, _options.FleetBins, _baseTags));
            }
        }

        if (_profile.Score is { IsEmpty: false, Kind: FeatureKind.Numeric } score && (chosen is null || chosen.Contains(ReferenceProfile.ScoreName)))
        {
            slots.Add(new FleetFeature(ReferenceProfile.ScoreName, -1, score, _options.FleetBins, _baseTags));
        }

        if (slots.Count > 0)
        {
            _fleet = new FleetDriftCounters(slots, _featureCount, Math.Clamp(2 * Environment.ProcessorCount, 4, 16));
        }
    }

    internal IEnumerable<Measurement<long>> ObserveFleetBins()
    {
        var fleet = _fleet;
        if (fleet is null)
        {
            yield break;
        }

        var counts = new long[fleet.Slots.Max(s => s.BinCount)];
        for (var s = 0; s < fleet.Slots.Count; s++)
        {
            var slot = fleet.Slots[s];
            fleet.ReadCounts(s, counts);
            long cumulative = 0;
            for (var b = 0; b < slot.BinCount; b++)
            {
                cumulative += counts[b];
                yield return new Measurement<long>(cumulative, slot.BinTags[b]);
            }

            yield return new Measurement<long>(cumulative, slot.BinTags[slot.BinCount]);
        }
    }

    internal IEnumerable<Measurement<double>> ObserveFleetReference()
    {
        if (_fleet is null)
        {
            yield break;
        }

        foreach (var slot in _fleet.Slots)
        {
            for (var b = 0; b < slot.BinCount; b++)
            {
                yield return new Measurement<double>(slot.ReferenceCumulative[b], slot.BinTags[b]);
            }

            yield return new Measurement<double>(1, slot.BinTags[slot.BinCount]);
        }
    }

    internal IEnumerable<Measurement<long>> ObserveFleetReferenceRows()
    {
        if (_fleet is null)
        {
            yield break;
        }

        foreach (var slot in _fleet.Slots)
        {
            yield return new Measurement<long>(slot.ReferenceRows, slot.RowTags);
        }
    }
}
