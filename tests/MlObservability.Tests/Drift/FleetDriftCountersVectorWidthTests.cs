using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>Both vector paths of <see cref="FleetDriftCounters"/> (256-bit, and 512-bit where AVX-512 is there; either
/// runs correctly on any machine) count every finite value of double and float rows in the bin of the naive definition:
/// full, partial and non-adjacent blocks, values at and beside every edge, NaN and infinities, on the thread's own stripe
/// and on the shared one.</summary>
public sealed class FleetDriftCountersVectorWidthTests
{
    private const int Features = 37;

    [TestCase(false, false, 10)]
    [TestCase(true, false, 10)]
    [TestCase(false, true, 7)]
    [TestCase(true, true, 7)]
    [TestCase(true, false, 50)]
    public void Every_finite_value_lands_in_its_bin(bool wide, bool someFeatures, int bins)
    {
        var names = Enumerable.Range(0, Features).Select(i => $"f{i}").ToArray();
        var columns = names.Select((n, i) => new KeyValuePair<string, double[]>(n,
            LcgSample.Generate(1_001, (ulong)(300 + i), 4, 1000, 0).Select(v => (v / 7.0) + 0.123456789).ToArray())).ToArray();
        var profile = ReferenceProfileBuilder.FromColumns(columns);
        // Every third feature left out: no block is adjacent in the row, so every block is gathered.
        var chosen = Enumerable.Range(0, Features).Where(i => !someFeatures || i % 3 != 1).ToArray();
        var slots = chosen.Select(i => new FleetFeature(names[i], i, profile.Features[i], bins, [])).ToArray();
        var edges = slots.Select(s => s.Edges).ToArray();

        // Rows: values at, just below and just above every edge (as doubles and as floats), then spread values with
        // a NaN or an infinity now and then.
        var rows = new List<double[]>();
        var spread = LcgSample.Generate(Features * 400, 77, 4, 1300, -150).Select(v => v / 7.0).ToArray();
        for (var r = 0; r < 400; r++)
        {
            var row = spread.AsSpan(r * Features, Features).ToArray();
            if (r % 9 == 0)
            {
                row[r % Features] = (r % 3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
            }

            rows.Add(row);
        }

        for (var e = 0; e < bins - 1; e++)
        {
            foreach (var nudge in new Func<double, double>[] { x => x, Math.BitDecrement, Math.BitIncrement, x => MathF.BitIncrement((float)x) })
            {
                var row = new double[Features];
                for (var s = 0; s < slots.Length; s++)
                {
                    row[slots[s].ProfileIndex] = nudge(edges[s][Math.Min(e, edges[s].Length - 1)]);
                }

                rows.Add(row);
            }
        }

        foreach (var singleStripe in new[] { false, true })
        {
            var counters = new FleetDriftCounters(slots, Features, stripes: singleStripe ? 1 : 4, wide);
            var expected = slots.Select(s => new long[s.BinCount]).ToArray();
            void Expect(double[] row, bool asFloat)
            {
                for (var s = 0; s < slots.Length; s++)
                {
                    var v = asFloat ? (float)row[slots[s].ProfileIndex] : row[slots[s].ProfileIndex];
                    if (double.IsFinite(v))
                    {
                        expected[s][edges[s].Count(edge => edge <= v)]++;
                    }
                }
            }

            if (singleStripe)
            {
                // Another thread claims the only stripe first: every row of this thread goes to the shared stripe.
                var claimer = new Thread(() => counters.RecordRow<double>(rows[0]));
                claimer.Start();
                claimer.Join();
                Expect(rows[0], asFloat: false);
            }

            foreach (var row in rows)
            {
                counters.RecordRow<double>(row);
                Expect(row, asFloat: false);
                counters.RecordRow<float>(row.Select(v => (float)v).ToArray());
                Expect(row, asFloat: true);
            }

            Assert.Multiple(() =>
            {
                for (var s = 0; s < slots.Length; s++)
                {
                    var counts = new long[slots[s].BinCount];
                    counters.ReadCounts(s, counts);
                    Assert.That(counts, Is.EqualTo(expected[s]), $"{slots[s].Name}, single stripe {singleStripe}");
                }
            });
        }
    }
}
