using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class QualityMonitorOutputTests
{
    [Test]
    public void Class_indexes_report_configured_names_and_overflow_goes_to_other()
    {
        using var monitor = new QualityMonitor("intent", "2", new QualityMonitorOptions { ClassLabels = ["greet", "buy", "cancel"], MaxClasses = 4, MaxSegments = 2 });
        monitor.RecordClassification(1, 0.9);
        monitor.RecordClassification("buy", 0.8);
        monitor.RecordClassification(2, 0.3);
        monitor.RecordClassification("refund", 0.9); // the 4th class: still under the limit
        monitor.RecordClassification("upsell", 0.9); // over: other
        monitor.RecordClassification(99, 0.9);       // over: other
        monitor.RecordClassification(0, 0.9, null, "eu");
        monitor.RecordClassification(0, 0.9, null, "us");
        monitor.RecordClassification(0, 0.9, null, "apac");
        Assert.Multiple(() =>
        {
            Assert.That(monitor.PredictionCountOf("buy"), Is.EqualTo(2));
            Assert.That(monitor.PredictionCountOf("cancel"), Is.EqualTo(1));
            Assert.That(monitor.PredictionCountOf("refund"), Is.EqualTo(1));
            Assert.That(monitor.PredictionCountOf("other"), Is.EqualTo(2));
            Assert.That(monitor.ClassLabelOf(1), Is.EqualTo("buy"));
            Assert.That(monitor.ClassLabelOf(4), Is.EqualTo("other"));
            Assert.That(monitor.LowConfidenceCount, Is.EqualTo(1));
            Assert.That(monitor.PredictionCount, Is.EqualTo(9));
        });
    }

    [Test]
    public void Low_confidence_share_covers_the_recent_window_only()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("m", null, new QualityMonitorOptions { RecentWindow = TimeSpan.FromMinutes(10), RecentSubWindows = 10, TimeProvider = time });
        Assert.That(monitor.LowConfidenceShare, Is.NaN);
        for (int i = 0; i < 100; i++)
        {
            monitor.RecordClassification(0, i < 50 ? 0.4 : 0.9); // half low
        }

        Assert.That(monitor.LowConfidenceShare, Is.EqualTo(0.5));
        time.Advance(TimeSpan.FromMinutes(10));
        for (int i = 0; i < 100; i++)
        {
            monitor.RecordClassification(0, i < 10 ? 0.4 : 0.9);
        }

        Assert.That(monitor.LowConfidenceShare, Is.EqualTo(0.1), "the first burst left the window");
        Assert.That(monitor.LowConfidenceCount, Is.EqualTo(60), "the counter is cumulative");
    }

    [Test]
    public void Sampled_predictions_reach_the_channel_sink_and_a_full_sink_drops_and_counts()
    {
        var sink = new ChannelReviewSink(capacity: 3);
        using var monitor = new QualityMonitor("spam", "1", new QualityMonitorOptions
        {
            ClassLabels = ["ham", "spam"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        }, reviewSink: sink);
        for (int i = 0; i < 5; i++)
        {
            monitor.RecordClassification(1, 0.75, $"r{i}", "eu");
        }

        Assert.That(sink.Reader.TryRead(out var first), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(first!.RequestId, Is.EqualTo("r0"));
            Assert.That(first.PredictedLabel, Is.EqualTo("spam"));
            Assert.That(first.Confidence, Is.EqualTo(0.75));
            Assert.That(first.Segment, Is.EqualTo("eu"));
            Assert.That(first.ModelName, Is.EqualTo("spam"));
            Assert.That(sink.DroppedCount, Is.EqualTo(2));
            Assert.That(monitor.ReviewDroppedCount, Is.EqualTo(2));
            Assert.That(monitor.SampledCount, Is.EqualTo(5), "dropped from the review queue but still pending for a label");
        });
    }

    [Test]
    public void The_json_lines_sink_writes_one_parsable_object_per_sampled_prediction()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlobs-review-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var sink = new JsonLinesReviewSink(path))
            using (var monitor = new QualityMonitor("spam", "1", new QualityMonitorOptions
                   {
                       ClassLabels = ["ham", "spam"],
                       Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
                   }, reviewSink: sink))
            {
                monitor.RecordClassification("ham", 0.6, "a\"quoted\"id");
                monitor.RecordRegression(-3.5, "reg-1", "eu");
                monitor.RecordClassification(1, 0.99); // no request id: not sampled
            }

            string[] lines = File.ReadAllLines(path);
            Assert.That(lines, Has.Length.EqualTo(2));
            using var a = JsonDocument.Parse(lines[0]);
            using var b = JsonDocument.Parse(lines[1]);
            Assert.Multiple(() =>
            {
                Assert.That(a.RootElement.GetProperty("requestId").GetString(), Is.EqualTo("a\"quoted\"id"));
                Assert.That(a.RootElement.GetProperty("predictedLabel").GetString(), Is.EqualTo("ham"));
                Assert.That(a.RootElement.GetProperty("confidence").GetDouble(), Is.EqualTo(0.6));
                Assert.That(b.RootElement.GetProperty("kind").GetString(), Is.EqualTo("regression"));
                Assert.That(b.RootElement.GetProperty("predictedValue").GetDouble(), Is.EqualTo(-3.5));
                Assert.That(b.RootElement.GetProperty("segment").GetString(), Is.EqualTo("eu"));
                Assert.That(DateTimeOffset.Parse(b.RootElement.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(default(DateTimeOffset)));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Recording_a_prediction_that_is_not_sampled_allocates_nothing()
    {
        using var monitor = new QualityMonitor("alloc", "1", new QualityMonitorOptions
        {
            ClassLabels = ["no", "yes"],
            Sampling = new GroundTruthSamplingOptions { Rate = 0.01, Strategy = SamplingStrategy.DeterministicByRequestId },
        });
        const string RequestId = "req-000001"; // hashes to 0.536: never sampled at 1 %
        Assert.That(RequestIdHash.UnitInterval(RequestId), Is.GreaterThan(0.01));
        monitor.RecordClassification(1, 0.9, RequestId, "eu"); // first use of the segment adds it
        for (int i = 0; i < 1000; i++)
        {
            monitor.RecordClassification(i & 1, 0.55 + (i % 40 / 100.0), RequestId, "eu");
            monitor.RecordClassification("yes", 0.9, RequestId);
            monitor.RecordRegression(i, RequestId);
        }

        // The least allocating of five rounds must allocate nothing: a per-call allocation shows in every round, a
        // one-time one (seen once in a Debug run on net10.0) in one round only.
        var rounds = new long[5];
        for (int round = 0; round < rounds.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2_000; i++)
            {
                monitor.RecordClassification(i & 1, 0.55 + (i % 40 / 100.0), RequestId, "eu");
                monitor.RecordClassification("yes", 0.9, RequestId);
                monitor.RecordRegression(i, RequestId);
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(rounds.Min(), Is.Zero, $"bytes allocated per round of 2,000 iterations: {string.Join(", ", rounds)}");
        Assert.That(monitor.SampledCount, Is.Zero);
    }

    [Test]
    public void Instruments_export_counts_quantiles_and_quality_gauges_per_model()
    {
        var time = new FakeTimeProvider();
        using var monitor = new QualityMonitor("instrumented-model", "7", new QualityMonitorOptions
        {
            ClassLabels = ["neg", "pos"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            TimeProvider = time,
        });
        for (int i = 0; i < 100; i++)
        {
            monitor.RecordClassification(i % 2, i < 20 ? 0.6 : 0.9, $"r{i}", i < 50 ? "eu" : "us");
            monitor.RecordGroundTruth($"r{i}", i % 4 == 0 ? 1 - (i % 2) : i % 2);
        }

        monitor.RecordGroundTruth("unknown", 1);
        monitor.Evaluate(time.GetUtcNow());

        var seen = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var dict = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                dict[tag.Key] = tag.Value;
            }

            if (Equals(dict.GetValueOrDefault(SemanticConventions.ModelName), "instrumented-model"))
            {
                seen.Add((instrument.Name, value, dict));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();

        double Value(string name, string? key = null, string? tagValue = null) =>
            seen.Single(s => s.Name == name && (key is null ? !s.Tags.ContainsKey(SemanticConventions.Segment) && !s.Tags.ContainsKey(SemanticConventions.PredictedClass) && !s.Tags.ContainsKey(SemanticConventions.MetricAverage) : Equals(s.Tags.GetValueOrDefault(key), tagValue))).Value;

        Assert.Multiple(() =>
        {
            Assert.That(Value("ml.predictions", SemanticConventions.PredictedClass, "pos"), Is.EqualTo(50));
            Assert.That(Value("ml.predictions.low_confidence"), Is.EqualTo(20));
            Assert.That(Value("ml.predictions.low_confidence.share"), Is.EqualTo(0.2));
            Assert.That(Value("ml.model.accuracy"), Is.EqualTo(0.75));
            Assert.That(Value("ml.model.accuracy", SemanticConventions.Segment, "eu"), Is.EqualTo(monitor.LatestReport.Segments["eu"].Accuracy));
            Assert.That(Value("ml.model.accuracy.estimated"), Is.EqualTo(0.84).Within(1e-6));
            Assert.That(Value("ml.model.f1", SemanticConventions.MetricAverage, "macro"), Is.EqualTo(monitor.LatestReport.Classification.MacroF1));
            Assert.That(Value("ml.model.precision", SemanticConventions.PredictedClass, "neg"), Is.EqualTo(monitor.LatestReport.Classification.Classes[0].Precision));
            Assert.That(Value("ml.model.roc_auc"), Is.EqualTo(monitor.LatestReport.Classification.RocAuc));
            Assert.That(Value("ml.model.log_loss"), Is.EqualTo(monitor.LatestReport.Classification.LogLoss));
            Assert.That(Value("ml.model.brier_score"), Is.EqualTo(monitor.LatestReport.Classification.BrierScore));
            Assert.That(Value("ml.model.calibration_error"), Is.EqualTo(monitor.LatestReport.Classification.ExpectedCalibrationError));
            Assert.That(Value("ml.quality.labels", SemanticConventions.LabelOutcome, "joined"), Is.EqualTo(100));
            Assert.That(Value("ml.quality.labels", SemanticConventions.LabelOutcome, "unknown_id"), Is.EqualTo(1));
            Assert.That(Value("ml.quality.pending"), Is.Zero);
            Assert.That(Value("ml.quality.labelled"), Is.EqualTo(100));
            Assert.That(Value("ml.prediction.confidence.quantile", "ml.quantile", "0.05"), Is.EqualTo(0.6).Within(0.006));
            Assert.That(Value("ml.prediction.confidence.quantile", "ml.quantile", "0.5"), Is.EqualTo(0.9).Within(0.009));
            Assert.That(seen.Select(s => s.Tags[SemanticConventions.ModelVersion]), Is.All.EqualTo("7"));
        });

        monitor.Dispose();
        seen.Clear();
        listener.RecordObservableInstruments();
        Assert.That(seen, Is.Empty, "a disposed monitor leaves the instruments");
    }

    [Test]
    public void Bad_options_fail_fast_with_a_message_that_says_what_to_fix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new QualityMonitor("m", options: new QualityMonitorOptions { ClassLabels = ["a", "a"] }), Throws.ArgumentException.With.Message.Contains("distinct"));
            Assert.That(() => new QualityMonitor("m", options: new QualityMonitorOptions { ClassLabels = ["a", "b", "c"], MaxClasses = 2 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("MaxClasses"));
            Assert.That(() => new QualityMonitor("m", options: new QualityMonitorOptions { LowConfidenceThreshold = 1.5 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LowConfidenceThreshold"));
            Assert.That(() => new QualityMonitor("m", options: new QualityMonitorOptions { LabelRetention = 10, RollingWindowSize = 100 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LabelRetention"));
            Assert.That(() => new QualityMonitor(" "), Throws.ArgumentException);
        });
    }
}
