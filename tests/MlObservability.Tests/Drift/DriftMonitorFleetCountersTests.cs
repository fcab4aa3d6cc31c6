using System.Diagnostics.Metrics;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The fleet counters of <see cref="DriftMonitor"/>: every recorded value in its bin, exact under concurrency,
/// allocation-free, exported cumulatively with the reference fractions.</summary>
public sealed class DriftMonitorFleetCountersTests
{
    private static DriftMonitorOptions Options(int bins = 10, IReadOnlyList<string>? features = null) =>
        new() { WindowSize = 1_000, EvaluateOnWindowCompletion = false, FleetBins = bins, FleetFeatures = features };

    /// <summary>The bin by definition (edges at or below the value), independent of the branch-free search.</summary>
    private static int NaiveBin(double[] edges, double v) => edges.Count(e => e <= v);

    [TestCase(2)]
    [TestCase(10)]
    [TestCase(13)]
    [TestCase(50)]
    public void Every_finite_value_is_counted_in_the_bin_of_the_reference_quantiles(int bins)
    {
        var profile = DriftMonitorDetectionTests.Profile();
        using var monitor = DriftMonitor.Create("fleet-count", "1", profile, Options(bins));
        var a = LcgSample.Generate(3_000, 9, 4, 1000, 120);
        var colours = LcgSample.Generate(3_000, 10, 1, 5, 0);
        for (var i = 0; i < a.Length; i++)
        {
            monitor.RecordFeatures([a[i], i % 7 == 0 ? double.NaN : a[i] / 2, colours[i] * 8]);
        }

        monitor.RecordFeatures([1.0, 2.0]); // wrong length: not counted anywhere
        var edges = Enumerable.Range(1, bins - 1).Select(i => PsiBinning.Quantile(profile.Features[0].SortedSample, (double)i / bins)).ToArray();
        var expected = new long[bins];
        foreach (var v in a)
        {
            expected[NaiveBin(edges, v)]++;
        }

        var categories = profile.Features[2].CategoryValues.ToArray();
        var expectedColours = new long[categories.Length + 1];
        foreach (var c in colours)
        {
            var i = Array.IndexOf(categories, c * 8);
            expectedColours[i >= 0 ? i : categories.Length]++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(monitor.GetFleetCumulativeCounts("a"), Is.EqualTo(SimpleCumulative(expected)));
            Assert.That(monitor.GetFleetCumulativeCounts("b")[^1], Is.EqualTo(a.Length - ((a.Length + 6) / 7)), "NaN is not counted");
            Assert.That(monitor.GetFleetCumulativeCounts("colour"), Is.EqualTo(SimpleCumulative(expectedColours)), "categories ascending, then other");
            Assert.That(expectedColours[^1], Is.GreaterThan(0), "code 4 is not a reference category: it goes to other");
            Assert.That(monitor.FleetFeatures, Is.EqualTo(new[] { "a", "b", "colour" }), "no score reference in this profile");
        });
    }

    /// <summary>Float rows are binned with float compares against the edges rounded up to float: a value just below,
    /// at and just above every edge (as floats, and the float nearest the edge on either side) lands in the bin of the
    /// widened value by the double definition, for adjacent and non-adjacent features.</summary>
    [TestCase(null, 10)]
    [TestCase(new[] { "f0", "f2", "f3", "f5", "f6", "f7", "f8", "f12", "f13", "f15", "f16" }, 7)]
    public void Float_rows_at_and_beside_every_edge_count_in_the_bin_of_the_widened_value(string[]? chosen, int bins)
    {
        const int Features = 17;
        var names = Enumerable.Range(0, Features).Select(i => $"f{i}").ToArray();
        // Reference values with many decimals, so the quantile edges are rarely floats themselves.
        var columns = names.Select((n, i) => new KeyValuePair<string, double[]>(n,
            LcgSample.Generate(1_001, (ulong)(90 + i), 4, 1000, 0).Select(v => (v / 7.0) + 0.123456789).ToArray())).ToArray();
        var profile = ReferenceProfileBuilder.FromColumns(columns);
        using var monitor = DriftMonitor.Create("fleet-float-edges", "1", profile, Options(bins, chosen));
        var edges = profile.Features.Select(f => FleetBinning.FromReferenceQuantiles(f.SortedSample, bins).Edges.ToArray()).ToArray();
        var expected = names.Select(_ => new long[bins]).ToArray();
        var candidates = edges.Select(e => e.SelectMany(edge =>
        {
            var nearest = (float)edge;
            return new[] { MathF.BitDecrement(nearest), nearest, MathF.BitIncrement(nearest), MathF.BitDecrement(MathF.BitDecrement(nearest)) };
        }).ToArray()).ToArray();
        var rows = candidates.Max(c => c.Length);
        var notAFloat = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = new float[Features];
            for (var f = 0; f < Features; f++)
            {
                row[f] = candidates[f][r % candidates[f].Length];
                expected[f][NaiveBin(edges[f], row[f])]++;
            }

            monitor.RecordFeatures(row);
        }

        foreach (var e in edges.SelectMany(e => e))
        {
            notAFloat += (float)e == e ? 0 : 1;
        }

        Assert.Multiple(() =>
        {
            Assert.That(notAFloat, Is.GreaterThan(0), "some edges are not floats: the rounding up matters");
            for (var f = 0; f < Features; f++)
            {
                var counted = chosen is null || chosen.Contains(names[f]);
                Assert.That(monitor.GetFleetCumulativeCounts(names[f]), counted ? Is.EqualTo(SimpleCumulative(expected[f])) : Is.Empty, names[f]);
            }
        });
    }

    /// <summary>Many numeric features (groups of four, a partial last group, non-adjacent choices), double and float
    /// rows, NaN and infinities in a group: every finite value in the bin of the naive definition.</summary>
    [TestCase(null, 10)]
    [TestCase(null, 50)]
    [TestCase(new[] { "f0", "f2", "f3", "f5", "f6", "f7", "f8", "f12", "f13" }, 7)]
    public void Wide_rows_count_every_finite_value_in_its_bin_for_double_and_float_rows(string[]? chosen, int bins)
    {
        const int Features = 14;
        var names = Enumerable.Range(0, Features).Select(i => $"f{i}").ToArray();
        var columns = names.Select((n, i) => new KeyValuePair<string, double[]>(n, LcgSample.Generate(2_000, (ulong)(40 + i), 4, 1000, 0))).ToArray();
        var profile = ReferenceProfileBuilder.FromColumns(columns);
        using var monitor = DriftMonitor.Create("fleet-wide", "1", profile, Options(bins, chosen));
        var expected = names.Select(_ => new long[bins]).ToArray();
        var edges = profile.Features.Select(f => FleetBinning.FromReferenceQuantiles(f.SortedSample, bins).Edges.ToArray()).ToArray();
        var values = LcgSample.Generate(Features * 600, 77, 4, 1300, -150);
        for (var r = 0; r < 600; r++)
        {
            var row = values.AsSpan(r * Features, Features).ToArray();
            if (r % 11 == 0)
            {
                row[r % Features] = (r % 3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
            }

            for (var f = 0; f < Features; f++)
            {
                if (double.IsFinite(row[f]))
                {
                    // The float row holds the value rounded to float: its bin is that of the rounded value.
                    expected[f][NaiveBin(edges[f], r % 2 == 0 ? row[f] : (float)row[f])]++;
                }
            }

            if (r % 2 == 0)
            {
                monitor.RecordFeatures(row);
            }
            else
            {
                monitor.RecordFeatures(row.Select(v => (float)v).ToArray());
            }
        }

        Assert.Multiple(() =>
        {
            for (var f = 0; f < Features; f++)
            {
                var counted = chosen is null || chosen.Contains(names[f]);
                Assert.That(monitor.GetFleetCumulativeCounts(names[f]), counted ? Is.EqualTo(SimpleCumulative(expected[f])) : Is.Empty, names[f]);
            }
        });
    }

    [Test]
    public void The_score_is_counted_when_the_profile_has_a_score_reference()
    {
        var builder = new ReferenceProfileBuilder(["x"]);
        for (var i = 0; i < 1_000; i++)
        {
            builder.AddRow([i]);
            builder.AddScore(i / 1000.0);
        }

        using var monitor = DriftMonitor.Create("fleet-score", "1", builder.Build(), Options(4));
        foreach (var s in new[] { 0.1, 0.3, 0.6, 0.9, 0.95, 2.0, double.NaN })
        {
            monitor.RecordPrediction(s);
        }

        Assert.That(monitor.GetFleetCumulativeCounts(ReferenceProfile.ScoreName), Is.EqualTo(new long[] { 1, 2, 3, 6 }));
    }

    [Test]
    public void FleetFeatures_chooses_the_counted_features_and_unknown_names_fail_at_startup()
    {
        using var monitor = DriftMonitor.Create("fleet-choose", "1", DriftMonitorDetectionTests.Profile(), Options(features: ["b"]));
        DriftMonitorDetectionTests.Feed(monitor, 100, 3, 0);
        Assert.Multiple(() =>
        {
            Assert.That(monitor.FleetFeatures, Is.EqualTo(new[] { "b" }));
            Assert.That(monitor.GetFleetCumulativeCounts("a"), Is.Empty);
            Assert.That(monitor.GetFleetCumulativeCounts("b")[^1], Is.EqualTo(100));
        });

        using var none = DriftMonitor.Create("fleet-none", "1", DriftMonitorDetectionTests.Profile(), Options(features: []));
        Assert.That(none.FleetCounterMemoryBytes, Is.Zero);
        Assert.That(() => DriftMonitor.Create("m", "1", DriftMonitorDetectionTests.Profile(), Options(features: ["nope"])),
            Throws.ArgumentException.With.Message.Contains("FleetFeatures names 'nope'"));
        Assert.That(() => DriftMonitor.Create("m", "1", DriftMonitorDetectionTests.Profile(), Options(bins: 51)),
            Throws.ArgumentException.With.Message.Contains("FleetBins must be between 2 and 50"));
    }

    [Test]
    public void Concurrent_writers_lose_no_count() => ConcurrentRun(8, 20_000);

    /// <summary>Writers on owned stripes (plain increments) and on the shared one (atomic) at once, read while they write.</summary>
    internal static void ConcurrentRun(int threads, int rows)
    {
        using var monitor = DriftMonitor.Create("fleet-concurrent", "1", DriftMonitorDetectionTests.Profile(), Options());
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var values = LcgSample.Generate(rows, (ulong)(100 + t), 4, 1000, 0);
            start.SignalAndWait();
            for (var i = 0; i < rows; i++)
            {
                monitor.RecordFeatures([values[i], values[i], i % 5]);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        long previous = 0;
        while (workers.Any(w => w.IsAlive))
        {
            var now = monitor.GetFleetCumulativeCounts("a")[^1];
            Assert.That(now, Is.GreaterThanOrEqualTo(previous), "read while writing, the counts only grow");
            previous = now;
        }

        workers.ForEach(w => w.Join());
        long[] Expected(int feature)
        {
            var expected = new long[10];
            var edges = Enumerable.Range(1, 9).Select(i => PsiBinning.Quantile(monitor.Profile.Features[feature].SortedSample, i / 10.0)).ToArray();
            for (var t = 0; t < threads; t++)
            {
                foreach (var v in LcgSample.Generate(rows, (ulong)(100 + t), 4, 1000, 0))
                {
                    expected[NaiveBin(edges, v)]++;
                }
            }

            return SimpleCumulative(expected);
        }

        Assert.Multiple(() =>
        {
            Assert.That(monitor.GetFleetCumulativeCounts("a"), Is.EqualTo(Expected(0)));
            Assert.That(monitor.GetFleetCumulativeCounts("b"), Is.EqualTo(Expected(1)));
            Assert.That(monitor.GetFleetCumulativeCounts("colour")[^1], Is.EqualTo((long)threads * rows));
        });
    }

    [Test]
    public void Recording_a_row_with_fleet_counters_allocates_nothing()
    {
        using var monitor = DriftMonitor.Create("fleet-alloc", "1", DriftMonitorDetectionTests.Profile(), new DriftMonitorOptions { WindowSize = 1_000_000, EvaluateOnWindowCompletion = false });
        double[] row = [500, 500, 8];
        monitor.RecordFeatures(row);
        monitor.RecordPrediction(0.5);
        var least = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                monitor.RecordFeatures(row);
                monitor.RecordPrediction(0.5);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(least, Is.Zero);
        Assert.That(monitor.GetFleetCumulativeCounts("a")[^1], Is.EqualTo(50_001));
    }

    [Test]
    public void Counters_are_exported_cumulatively_with_the_reference_fractions_and_size()
    {
        var measurements = new List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name.StartsWith("ml.feature.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, i.Unit, v, Tags(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, i.Unit, v, Tags(tags))));
        listener.Start();

        using var monitor = DriftMonitor.Create("fleet-export", "3", DriftMonitorDetectionTests.Profile(), Options(4));
        DriftMonitorDetectionTests.Feed(monitor, 500, 5, 0);
        listener.RecordObservableInstruments();
        var mine = measurements.Where(m => Equals(m.Tags.GetValueOrDefault(SemanticConventions.ModelName), "fleet-export")).ToList();
        List<(string Le, double Value)> Series(string instrument, string feature) => [.. mine
            .Where(m => m.Instrument == instrument && Equals(m.Tags[SemanticConventions.FeatureName], feature))
            .Select(m => ((string)m.Tags["le"]!, m.Value))];

        var a = Series("ml.feature.bin", "a");
        var cumulative = monitor.GetFleetCumulativeCounts("a");
        var reference = Series("ml.feature.reference.fraction", "a");
        Assert.Multiple(() =>
        {
            Assert.That(a.Select(s => s.Le), Is.EqualTo(new[] { "0", "1", "2", "3", "+Inf" }));
            Assert.That(a.Select(s => s.Value), Is.EqualTo(cumulative.Select(c => (double)c).Append(500)));
            Assert.That(reference.Select(s => s.Le), Is.EqualTo(new[] { "0", "1", "2", "3", "+Inf" }));
            Assert.That(reference.Select(s => s.Value), Is.EqualTo(FleetBinning.FromReferenceQuantiles(monitor.Profile.Features[0].SortedSample, 4).CumulativeFractions(monitor.Profile.Features[0].SortedSample).Append(1.0)));
            Assert.That(reference[1].Value, Is.EqualTo(0.5).Within(0.01), "the reference median sits at the second of four quantile bins");
            Assert.That(Series("ml.feature.bin", "colour").Select(s => s.Le), Is.EqualTo(new[] { "0", "1", "2", "3", "4", "+Inf" }), "four categories and other");
            var rows = mine.Where(m => m.Instrument == "ml.feature.reference.rows").ToList();
            Assert.That(rows.Single(m => Equals(m.Tags[SemanticConventions.FeatureName], "a")).Value, Is.EqualTo(monitor.Profile.Features[0].SortedSample.Length));
            Assert.That(rows.Single(m => Equals(m.Tags[SemanticConventions.FeatureName], "colour")).Tags["ml.feature.kind"], Is.EqualTo("categorical"));
            Assert.That(mine.Where(m => m.Instrument == "ml.feature.bin").Select(m => m.Unit), Has.All.EqualTo("{value}"));
        });
    }

    private static long[] SimpleCumulative(long[] counts)
    {
        var result = new long[counts.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            result[i] = total;
        }

        return result;
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>();
        foreach (var t in tags)
        {
            d[t.Key] = t.Value;
        }

        return d;
    }
}
