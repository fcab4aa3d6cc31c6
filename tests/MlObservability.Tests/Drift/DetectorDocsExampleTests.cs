using System.Diagnostics.Metrics;
using MlObservability.Alerts;
using MlObservability.Drift;
using MlObservability.Drift.Multivariate;
using MlObservability.Drift.Streaming;

namespace MlObservability.Tests.Drift;

/// <summary>The worked example of docs/drift.md ("Multivariate, embedding and streaming detectors"), compiled and run,
/// and the instruments every detector exports.</summary>
public sealed class DetectorDocsExampleTests
{
    [Test]
    public void The_documented_example_runs_and_exports_its_instruments()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name.StartsWith("ml.drift.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.Start();

        var referenceCsv = DetectorTestData.PathOf("breast_cancer_reference.csv");
        var trainingRows = DetectorTestData.Csv("breast_cancer_reference.csv", 6).Rows;
        var servedRows = DetectorTestData.Csv("breast_cancer_permuted.csv", 6).Rows;
        var latencies = Enumerable.Range(0, 2_000).Select(i => i < 1_000 ? 0.020 + (0.001 * (i % 5)) : 0.035 + (0.001 * (i % 5)));

        // --- docs/drift.md example starts ---
        string[] features = ["mean_radius", "mean_texture", "mean_perimeter", "mean_area", "mean_smoothness", "mean_fractal_dimension"];

        // Offline, once: profile the training data, add the multivariate baseline and the feature importances, save.
        var profile = ReferenceProfile.FromCsv(referenceCsv, columns: features)
            .WithReconstruction(ReconstructionDriftProfile.Fit(features, trainingRows))
            .WithFeatureImportances(new Dictionary<string, double> { ["mean_radius"] = 0.4, ["mean_area"] = 0.3, ["mean_texture"] = 0.3 });
        var path = Path.Combine(Path.GetTempPath(), $"bc-profile-{Guid.NewGuid():N}.json");
        profile.Save(path);

        // In the service: load the profile, create the detectors next to the drift monitor, route events to the alerts.
        var loaded = ReferenceProfile.Load(path);
        using var alerts = new AlertEngine(StandardAlertRules.For("bc", [], thresholds: new AlertThresholds { DriftWarningFor = TimeSpan.Zero }));
        using var drift = DriftMonitor.Create("bc", "1", loaded, new DriftMonitorOptions { WindowSize = servedRows.Count, EvaluateOnWindowCompletion = false }, alerts);
        using var multivariate = new ReconstructionDriftDetector("bc", "1", loaded.Reconstruction!, new ReconstructionDriftDetectorOptions { WindowSize = servedRows.Count }, alerts);
        using var modelScore = new ModelDriftScorer("bc", "1", () => drift.LatestResults, loaded.FeatureImportances, sink: alerts);
        using var latency = new StreamingDriftMonitor("bc", "1", "latency",
            new CusumDetector(new SequentialDetectorOptions { AverageRunLength = 100_000, WarmupCount = 200, Direction = ChangeDirection.Increase }), sink: alerts);

        foreach (var row in servedRows)          // per request (hot path): copies only
        {
            drift.RecordFeatures(row);
            multivariate.Record(row);
        }

        foreach (var seconds in latencies)
        {
            latency.Record(seconds);
        }

        var now = DateTimeOffset.UnixEpoch;       // background evaluation, on a schedule
        foreach (IMonitoringEvaluator evaluator in new IMonitoringEvaluator[] { drift, multivariate, modelScore, latency })
        {
            evaluator.Evaluate(now);
        }

        var firing = alerts.EvaluateRules(now).SelectMany(n => n.Alerts).ToList();
        // --- docs/drift.md example ends ---

        File.Delete(path);
        listener.RecordObservableInstruments();
        var mine = measurements.Where(m => Equals(m.Tags.GetValueOrDefault(SemanticConventions.ModelName), "bc")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(drift.LatestResults.Select(r => r.Severity), Has.All.LessThanOrEqualTo(Severity.Info));
            Assert.That(multivariate.LatestResult!.Severity, Is.EqualTo(Severity.Warning));
            Assert.That(latency.Changes, Is.GreaterThanOrEqualTo(1));
            Assert.That(firing.Select(a => a.Name), Has.Member(StandardAlertRules.Drift));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.reconstruction.error").Value, Is.EqualTo(multivariate.LatestResult.MeanError));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.reconstruction.threshold" && Equals(m.Tags["ml.drift.bound"], "upper")).Value, Is.EqualTo(loaded.Reconstruction!.UpperThreshold));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.reconstruction.severity").Value, Is.EqualTo(2));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.reconstruction.rows" && Equals(m.Tags["outcome"], "evaluated")).Value, Is.EqualTo(servedRows.Count));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.model_score").Value, Is.EqualTo(modelScore.Score));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.stream.changes" && Equals(m.Tags["ml.drift.stream"], "latency")).Value, Is.EqualTo(latency.Changes));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.stream.threshold").Tags["ml.drift.method"], Is.EqualTo("cusum"));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.stream.values" && Equals(m.Tags["outcome"], "evaluated")).Value, Is.EqualTo(2_000));
        });
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
