using Microsoft.Extensions.Time.Testing;
using MlObservability.Challengers;

namespace MlObservability.Tests.Challengers;

public sealed class ChallengerShadowTests
{
    [Test]
    public void AFullQueueDropsAndCountsWithoutBlocking()
    {
        using var shadow = new ChallengerShadow<int>("queue-model", "1", "2", x => new ShadowPrediction(x, 1),
            new ShadowOptions { Share = 1, QueueCapacity = 4 }, null, null, startWorker: false);
        var accepted = Enumerable.Range(0, 10).Select(i => shadow.TryShadow("r" + i, i, i)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(accepted.Count(a => a), Is.EqualTo(4));
            Assert.That(accepted.Skip(4).Any(a => a), Is.False);
            Assert.That(shadow.DroppedCount(ShadowDropReason.QueueFull), Is.EqualTo(6));
            Assert.That(shadow.QueuedCount, Is.EqualTo(4));
        });
        Assert.That(shadow.ProcessQueued(), Is.EqualTo(4));
        Assert.That(shadow.TryShadow("again", 1, 1), Is.True, "room again once the worker drained the queue");
    }

    [Test]
    public void AChallengerThatThrowsIsCountedAndDoesNotStopTheWorker()
    {
        using var shadow = new ChallengerShadow<int>("failing-model", "1", "2",
            x => x % 2 == 0 ? throw new InvalidOperationException("boom") : new ShadowPrediction(x, 1),
            new ShadowOptions { Share = 1 }, null, null, startWorker: false);
        for (int i = 0; i < 10; i++)
        {
            shadow.TryShadow("r" + i, i, i);
        }

        shadow.ProcessQueued();
        Assert.That(shadow.DroppedCount(ShadowDropReason.ChallengerFailed), Is.EqualTo(5));
        Assert.That(shadow.ScoredCount, Is.EqualTo(5));
        Assert.That(shadow.ChallengerInference.ErrorCount, Is.EqualTo(5));
    }

    [Test]
    public void LabelledPairsGiveAccuraciesMcNemarAndTheVerdictEvents()
    {
        var events = new CollectingEventSink();
        // The champion predicts the label on 80 of 100 requests, the challenger on 95: b = 2, c = 17.
        using var shadow = new ChallengerShadow<int>("pairs-model", "1", "2", Challenger,
            new ShadowOptions { Share = 1, MinimumLabelledPairs = 50 }, events, null, startWorker: false);
        for (int i = 0; i < 100; i++)
        {
            Assert.That(shadow.TryShadow("r" + i, i, Champion(i)), Is.True);
        }

        shadow.ProcessQueued();
        for (int i = 0; i < 100; i++)
        {
            Assert.That(shadow.RecordGroundTruth("r" + i, 0), Is.True);
        }

        Assert.That(shadow.RecordGroundTruth("never-shadowed", 0), Is.False);
        var report = shadow.EvaluateNow(DateTimeOffset.UtcNow);
        Assert.Multiple(() =>
        {
            Assert.That(report.LabelledPairs, Is.EqualTo(100));
            Assert.That(report.ChampionAccuracy, Is.EqualTo(0.80).Within(1e-12));
            Assert.That(report.ChallengerAccuracy, Is.EqualTo(0.95).Within(1e-12));
            Assert.That(report.AccuracyDifference, Is.EqualTo(0.15).Within(1e-12));
            Assert.That(report.McNemar.ChampionOnlyCorrect, Is.EqualTo(2));
            Assert.That(report.McNemar.ChallengerOnlyCorrect, Is.EqualTo(17));
            Assert.That(report.McNemar.IsExact, Is.True);
            Assert.That(report.McNemar.PValue, Is.EqualTo(McNemarTest.Test(2, 17).PValue));
            Assert.That(report.Verdict, Is.EqualTo(ChallengerVerdict.Better));
            Assert.That(report.DisagreementRate, Is.EqualTo(0.19).Within(1e-12));
            Assert.That(shadow.UnpairedLabelCount, Is.EqualTo(1));
            Assert.That(events.Events.Single(e => e.Kind == ChallengerShadow<int>.BetterEventKind).Severity, Is.EqualTo(Severity.Info));
            Assert.That(events.Events.Single(e => e.Kind == ChallengerShadow<int>.WorseEventKind).Severity, Is.EqualTo(Severity.None));
            Assert.That(events.Events.All(e => e.Labels[ChallengerShadow<int>.ChallengerVersionLabel] == "2" && e.ModelVersion == "1"), Is.True);
        });

        static int Champion(int i) => i < 80 ? 0 : 1;
        static ShadowPrediction Challenger(int i) => new(i < 78 || (i >= 80 && i < 97) ? 0 : 1, 0.9);
    }

    [Test]
    public void TooFewLabelledPairsStayInconclusive()
    {
        using var shadow = new ChallengerShadow<int>("few-model", "1", "2", _ => new ShadowPrediction(0, 1),
            new ShadowOptions { Share = 1, MinimumLabelledPairs = 1000 }, null, null, startWorker: false);
        for (int i = 0; i < 100; i++)
        {
            shadow.TryShadow("r" + i, i, 1);
        }

        shadow.ProcessQueued();
        for (int i = 0; i < 100; i++)
        {
            shadow.RecordGroundTruth("r" + i, 0);
        }

        var report = shadow.EvaluateNow(DateTimeOffset.UtcNow);
        Assert.That(report.McNemar.PValue, Is.LessThan(1e-10));
        Assert.That(report.Verdict, Is.EqualTo(ChallengerVerdict.Inconclusive));
    }

    [Test]
    public void PairsExpireAndTheStoreIsBounded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var shadow = new ChallengerShadow<int>("expiry-model", "1", "2", _ => new ShadowPrediction(0, 1),
            new ShadowOptions { Share = 1, PendingCapacity = 3, PendingTimeToLive = TimeSpan.FromMinutes(10) }, null, null, startWorker: false, timeProvider: time);
        for (int i = 0; i < 5; i++)
        {
            shadow.TryShadow("r" + i, i, 0);
        }

        shadow.ProcessQueued();
        Assert.That(shadow.DroppedCount(ShadowDropReason.PendingFull), Is.EqualTo(2));
        time.Advance(TimeSpan.FromMinutes(11));
        shadow.EvaluateNow(time.GetUtcNow());
        Assert.That(shadow.DroppedCount(ShadowDropReason.PendingExpired), Is.EqualTo(3));
        Assert.That(shadow.RecordGroundTruth("r0", 0), Is.False);
    }

    [Test]
    public void TheBackgroundWorkerScoresEveryEnqueuedRequest()
    {
        using var shadow = new ChallengerShadow<int>("worker-model", "1", "2", x => new ShadowPrediction(x % 3, 1),
            new ShadowOptions { Share = 1, QueueCapacity = 1 << 16, PollInterval = TimeSpan.FromMilliseconds(1) });
        int enqueued = 0;
        Parallel.For(0, 20_000, i => Interlocked.Add(ref enqueued, shadow.TryShadow("w" + i, i, i % 3) ? 1 : 0));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (shadow.ScoredCount + shadow.DroppedCount(ShadowDropReason.ChallengerFailed) < enqueued && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Assert.That(shadow.ScoredCount, Is.EqualTo(enqueued));
        Assert.That(enqueued + shadow.DroppedCount(ShadowDropReason.QueueFull), Is.EqualTo(20_000));
        Assert.That(shadow.EvaluateNow(DateTimeOffset.UtcNow).Disagreements, Is.Zero);
    }

    [Test]
    public void ComparisonIsExported()
    {
        using var recorder = new MetricRecorder("export-model");
        using var shadow = new ChallengerShadow<int>("export-model", "1", "2", _ => new ShadowPrediction(0, 1),
            new ShadowOptions { Share = 1, QueueCapacity = 2 }, null, null, startWorker: false);
        for (int i = 0; i < 5; i++)
        {
            shadow.TryShadow("r" + i, i, i % 2, 0.002);
        }

        shadow.ProcessQueued();
        shadow.RecordGroundTruth("r0", 0);
        shadow.RecordGroundTruth("r1", 0);
        shadow.EvaluateNow(DateTimeOffset.UtcNow);
        Assert.Multiple(() =>
        {
            // Each Sum of an observable instrument collects every observable instrument once more: gauges are read from
            // the latest collection.
            Assert.That(recorder.Sum("ml.challenger.requests"), Is.EqualTo(2));
            Assert.That(recorder.Sum("ml.challenger.dropped", "reason=queue_full"), Is.EqualTo(3));
            Assert.That(recorder.Sum("ml.challenger.labelled_pairs"), Is.EqualTo(2));
            Assert.That(recorder.Of("ml.challenger.disagreement_rate").Last().Value, Is.EqualTo(0.5));
            Assert.That(recorder.Of("ml.challenger.accuracy_difference").Last().Value, Is.EqualTo(0.5));
            Assert.That(recorder.Of("ml.challenger.latency").GroupBy(m => m.Round).Last().Count(), Is.EqualTo(6), "p50, p95 and p99 of both versions");
        });
    }
}
