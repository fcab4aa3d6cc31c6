using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The quick start of docs/drift.md, compiled and run against a small CSV.</summary>
public sealed class DriftDocsExampleTests
{
    [Test]
    public void Quick_start_from_the_docs_runs()
    {
        var dir = Directory.CreateTempSubdirectory("drift-docs");
        try
        {
            var train = Path.Combine(dir.FullName, "train.csv");
            var lines = new List<string> { "amount,age,country,unused" };
            var values = LcgSample.Generate(3_000, 5, 4, 1000, 0);
            for (var i = 0; i < 1_000; i++)
            {
                lines.Add(FormattableString.Invariant($"{values[i]},{values[i + 1_000] / 10},{i % 3},x"));
            }

            File.WriteAllLines(train, lines);
            var sink = new CollectingEventSink();
            IMonitoringEventSink alertSink = sink;

            var profile = ReferenceProfile.FromCsv(
                train,
                new ReferenceProfileOptions { CategoricalFeatures = new HashSet<string> { "country" } },
                columns: ["amount", "age", "country"]);
            var path = Path.Combine(dir.FullName, "fraud-1.2.profile.json");
            profile.Save(path);

            using var drift = DriftMonitor.Create("fraud", "1.2", ReferenceProfile.Load(path), new DriftMonitorOptions { WindowSize = 500, EvaluateOnWindowCompletion = false }, alertSink);
            for (var i = 0; i < 500; i++)
            {
                double amount = values[2_000 + i] + 60, age = values[1_000 + i] / 10, countryCode = i % 3;
                drift.RecordFeatures([amount, age, countryCode]);
                drift.RecordClassification(i % 2, 0.9);
            }

            drift.Evaluate(DateTimeOffset.UtcNow);
            Assert.Multiple(() =>
            {
                Assert.That(drift.LatestResults.Select(r => r.Feature).Distinct(), Is.EquivalentTo(new[] { "amount", "age", "country" }));
                Assert.That(drift.LatestResults.Single(r => r.Feature == "amount" && r.Method == DriftMethod.KolmogorovSmirnov).Severity, Is.EqualTo(Severity.Critical));
                Assert.That(sink.Events, Has.Count.EqualTo(6));
            });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
