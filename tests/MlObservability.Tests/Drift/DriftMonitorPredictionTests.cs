using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DriftMonitorPredictionTests
{
    [Test]
    public void Without_a_profiled_output_the_first_predictions_become_the_reference()
    {
        var sink = new CollectingEventSink();
        var options = new DriftMonitorOptions { WindowSize = 400, PredictionReferenceSize = 600, EvaluateOnWindowCompletion = false };
        using var monitor = DriftMonitor.Create("m", "1", DriftMonitorDetectionTests.Profile(), options, sink);
        IModelOutputSink outputs = monitor;
        var confident = LcgSample.Generate(1_000, 9, 4, 1000, 0);
        for (var i = 0; i < 1_000; i++)
        {
            outputs.RecordClassification(i % 3, confident[i] / 500);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        var quiet = sink.Events.Where(e => e.Kind == "drift.prediction").ToList();

        var unsure = LcgSample.Generate(400, 10, 4, 1000, -1200);
        for (var i = 0; i < 400; i++)
        {
            outputs.RecordClassification(0, unsure[i] / 500);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch.AddMinutes(1));
        var drifted = sink.Events.Where(e => e.Kind == "drift.prediction").Skip(quiet.Count).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(quiet.Select(e => (e.Labels["output"], e.Labels["method"])), Is.EquivalentTo(new[] { ("score", "ks"), ("score", "psi"), ("class", "chi_square"), ("class", "psi") }));
            Assert.That(quiet.Select(e => e.Severity), Has.All.EqualTo(Severity.None));
            Assert.That(drifted.Select(e => e.Severity), Has.All.EqualTo(Severity.Critical));
            Assert.That(drifted, Has.Count.EqualTo(4));
            Assert.That(quiet.Concat(drifted).All(e => !e.Labels.ContainsKey("feature")));
        });
    }

    [Test]
    public void A_profiled_score_reference_is_used_from_the_start()
    {
        var builder = new ReferenceProfileBuilder(["x"]);
        foreach (var v in LcgSample.Generate(2_000, 11, 4, 1000, 0))
        {
            builder.AddRow([v]);
            builder.AddScore(v / 500);
        }

        using var monitor = DriftMonitor.Create("m", "1", builder.Build(), new DriftMonitorOptions { WindowSize = 500, EvaluateOnWindowCompletion = false });
        foreach (var v in LcgSample.Generate(500, 12, 4, 1000, 2000))
        {
            monitor.RecordRegression(v / 500);
        }

        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        var ks = monitor.LatestResults.Single(r => r.Feature == ReferenceProfile.ScoreName && r.Method == DriftMethod.KolmogorovSmirnov);
        Assert.Multiple(() =>
        {
            Assert.That(ks.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(ks.SampleSize, Is.EqualTo(500));
        });
    }
}
