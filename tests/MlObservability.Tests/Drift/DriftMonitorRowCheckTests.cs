using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The row check takes four values at a time where it can (finite and in range) and one at a time where it
/// cannot: the counts by reason and the row written into the window must be those of the one-at-a-time rules, wherever
/// in a chunk a bad value, a categorical feature or the row's tail falls.</summary>
public sealed class DriftMonitorRowCheckTests
{
    private const int Features = 14; // three chunks of four and a tail of two
    private static readonly int[] CategoricalFeatures = [5, 12]; // chunks 0 and 2 all numeric

    [Test]
    public void Double_rows_are_counted_and_written_as_value_by_value_rules_say() => Check(floats: false);

    [Test]
    public void Float_rows_are_counted_and_written_as_value_by_value_rules_say() => Check(floats: true);

    private static void Check(bool floats)
    {
        var names = Enumerable.Range(0, Features).Select(i => $"f{i}").ToArray();
        var builder = new ReferenceProfileBuilder(names, new ReferenceProfileOptions { CategoricalFeatures = CategoricalFeatures.Select(i => names[i]).ToHashSet() });
        for (var r = 0; r <= 10; r++)
        {
            builder.AddRow([.. Enumerable.Range(0, Features).Select(i => CategoricalFeatures.Contains(i) ? r % 3 : r)]); // numeric range [0, 10]; categories 0, 1, 2
        }

        var profile = builder.Build();
        const int rows = 400;
        using var monitor = DriftMonitor.Create("m", "1", profile, new DriftMonitorOptions { WindowSize = rows, EvaluateOnWindowCompletion = false, FleetFeatures = [] });
        var random = new Random(7);
        double[] candidates = [5, 0, 10, -0.5, 10.5, 1, 2, 3, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e30];
        var expected = new Dictionary<(int Feature, DataQualityReason Reason), long>();
        var written = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            // Mostly good values, so that many chunks take the four-at-a-time path; every kind of bad value somewhere.
            var row = Enumerable.Range(0, Features).Select(_ => random.NextDouble() < 0.8 ? random.Next(0, 11) : candidates[random.Next(candidates.Length)]).ToArray();
            if (floats)
            {
                row = [.. row.Select(v => (double)(float)v)];
                monitor.RecordFeatures(row.Select(v => (float)v).ToArray());
            }
            else
            {
                monitor.RecordFeatures(row);
            }

            written[r] = new double[Features];
            for (var f = 0; f < Features; f++)
            {
                var v = row[f];
                DataQualityReason? reason = !double.IsFinite(v) ? (double.IsNaN(v) ? DataQualityReason.Missing : DataQualityReason.NonFinite)
                    : CategoricalFeatures.Contains(f) ? (v is 0 or 1 or 2 ? null : DataQualityReason.UnseenCategory)
                    : v is < 0 or > 10 ? DataQualityReason.OutOfRange : null;
                if (reason is { } why)
                {
                    expected[(f, why)] = expected.GetValueOrDefault((f, why)) + 1;
                }

                written[r][f] = double.IsFinite(v) ? v : double.NaN;
            }
        }

        var segments = new List<WindowSegment>();
        Assert.That(monitor.FeatureWindow.TakeDue(0, segments), Is.EqualTo(rows));
        var stored = segments.SelectMany(s => Enumerable.Range(0, s.Count).Select(i => s.Buffer.AsSpan(i * s.Stride, Features).ToArray())).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(expected.Keys.Select(k => k.Reason).Distinct().Count(), Is.EqualTo(4), "every reason occurs");
            foreach (var reason in new[] { DataQualityReason.Missing, DataQualityReason.NonFinite, DataQualityReason.OutOfRange, DataQualityReason.UnseenCategory })
            {
                for (var f = 0; f < Features; f++)
                {
                    Assert.That(monitor.GetInvalidCount(names[f], reason), Is.EqualTo(expected.GetValueOrDefault((f, reason))), $"{names[f]} {reason}");
                }
            }

            Assert.That(stored, Is.EqualTo(written), "the rows in the window, NaN where a value was not finite");
        });
    }
}
