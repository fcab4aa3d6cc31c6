using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>
/// Predictions recorded with probability vectors, with a confidence only, or with neither (issue #20, item 12), through a
/// real <see cref="QualityMonitor"/>, compared with scikit-learn 1.2 / numpy on TestData/Quality/probability_metrics.json
/// (written by TestData/Quality/make_probability_reference.py).
/// </summary>
public sealed class ProbabilityVectorAgreementTests
{
    private const double Relative = 1e-9;

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Quality", "probability_metrics.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone().GetProperty("cases").EnumerateArray().ToArray();
    });

    public static IEnumerable<string> CaseNames => Cases.Value.Select(c => c.GetProperty("name").GetString()!);

    [Test]
    public void Reference_file_has_the_cases_the_script_writes() =>
        Assert.That(CaseNames, Is.SupersetOf(new[]
        {
            "wine_logistic_vectors", "binary_vectors_without_class_labels", "five_classes_float32_one_hot",
            "four_classes_mixed_rows", "binary_some_rows_without_confidence", "three_classes_without_confidence",
        }));

    [TestCaseSource(nameof(CaseNames))]
    public void Recorded_vectors_and_confidences_give_the_metrics_scikit_learn_gives(string name)
    {
        var c = Cases.Value.Single(x => x.GetProperty("name").GetString() == name);
        int classCount = c.GetProperty("classCount").GetInt32();
        bool labelled = c.GetProperty("classLabels").GetBoolean();
        int[] yTrue = c.GetProperty("yTrue").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        int[] yPred = c.GetProperty("yPred").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        double[] confidence = c.GetProperty("confidence").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        double[]?[] vectors = c.GetProperty("probabilities").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? null : v.EnumerateArray().Select(p => p.GetDouble()).ToArray()).ToArray();
        var expected = c.GetProperty("expected");

        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000));
        using var monitor = new QualityMonitor("vectors-" + name, "1", new QualityMonitorOptions
        {
            ClassLabels = labelled ? Enumerable.Range(0, classCount).Select(k => "c" + k).ToArray() : null,
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            RollingWindowSize = 10_000,
            LabelRetention = 10_000,
            TimeProvider = time,
        });
        for (int i = 0; i < yTrue.Length; i++)
        {
            string id = "r" + i;
            if (vectors[i] is { } vector)
            {
                monitor.RecordClassification(yPred[i], vector, id);
            }
            else
            {
                monitor.RecordClassification(yPred[i], confidence[i], id);
            }

            Assert.That(monitor.RecordGroundTruth(id, yTrue[i]), Is.EqualTo(GroundTruthOutcome.Joined), id);
        }

        var report = monitor.EvaluateNow().Classification;
        Assert.Multiple(() =>
        {
            Assert.That(monitor.InvalidPredictionCount, Is.Zero, "no row is invalid: a missing confidence is not");
            Assert.That(monitor.PredictionCount, Is.EqualTo(yTrue.Length));
            Assert.That(report.Count, Is.EqualTo(expected.GetProperty("count").GetInt32()));
            AssertClose(report.Accuracy, expected, "accuracy");
            AssertClose(report.LogLoss, expected, "logLoss");
            AssertClose(report.BrierScore, expected, "brierScore");
            AssertClose(report.RocAuc, expected, "rocAuc");
            AssertClose(report.ExpectedCalibrationError, expected, "expectedCalibrationError");
            AssertClose(report.MeanConfidence, expected, "meanConfidence");
        });
    }

    [Test]
    public void Calculator_agrees_on_every_case_without_a_monitor()
    {
        foreach (var c in Cases.Value)
        {
            int classCount = c.GetProperty("classCount").GetInt32();
            int[] yTrue = c.GetProperty("yTrue").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            int[] yPred = c.GetProperty("yPred").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            double[] confidence = c.GetProperty("confidence").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
            double[]?[] vectors = c.GetProperty("probabilities").EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Null ? null : v.EnumerateArray().Select(p => p.GetDouble()).ToArray()).ToArray();
            int configured = c.GetProperty("classLabels").GetBoolean() ? classCount : 0;
            var report = ClassificationMetricsCalculator.Compute(yTrue, yPred, confidence, vectors, configured, classCount + 1, k => "c" + k);
            var expected = c.GetProperty("expected");
            string name = c.GetProperty("name").GetString()!;
            Assert.Multiple(() =>
            {
                AssertClose(report.LogLoss, expected, "logLoss", name);
                AssertClose(report.BrierScore, expected, "brierScore", name);
                AssertClose(report.RocAuc, expected, "rocAuc", name);
                AssertClose(report.ExpectedCalibrationError, expected, "expectedCalibrationError", name);
            });
        }
    }

    [Test]
    public void A_binary_index_model_without_class_labels_gets_auc_log_loss_and_brier_from_two_entry_vectors()
    {
        using var monitor = new QualityMonitor("binary-no-labels", "1", new QualityMonitorOptions { Sampling = new GroundTruthSamplingOptions { Rate = 1.0 } });
        double[][] rows = [[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.7, 0.3]];
        int[] truth = [0, 1, 0, 1];
        for (int i = 0; i < rows.Length; i++)
        {
            monitor.RecordClassification(rows[i][1] >= 0.5 ? 1 : 0, rows[i], "b" + i);
            monitor.RecordGroundTruth("b" + i, truth[i]);
        }

        var report = monitor.EvaluateNow().Classification;
        Assert.Multiple(() =>
        {
            Assert.That(monitor.IsBinary, Is.False, "no ClassLabels configured");
            Assert.That(report.RocAuc, Is.EqualTo(0.75), "positives 0.8, 0.3 against negatives 0.1, 0.6: 3 of 4 pairs ordered");
            Assert.That(report.BrierScore, Is.EqualTo(((0.1 * 0.1) + (0.2 * 0.2) + (0.6 * 0.6) + (0.7 * 0.7)) / 4).Within(1e-15));
            Assert.That(report.LogLoss, Is.EqualTo(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.3)) / 4).Within(1e-12));
        });
    }

    [Test]
    public void A_binary_index_model_without_class_labels_or_vectors_leaves_the_probability_metrics_out_instead_of_exporting_NaN()
    {
        using var monitor = new QualityMonitor("binary-indexes-only", "1", new QualityMonitorOptions { Sampling = new GroundTruthSamplingOptions { Rate = 1.0 } });
        for (int i = 0; i < 20; i++)
        {
            monitor.RecordClassification(i % 2, 0.8, "i" + i);
            monitor.RecordGroundTruth("i" + i, i % 3 == 0 ? 1 : 0);
        }

        monitor.EvaluateNow();
        var exported = Collect("binary-indexes-only");
        Assert.Multiple(() =>
        {
            Assert.That(monitor.LatestReport.Classification.RocAuc, Is.NaN, "class indexes 0/1 alone do not say the model is binary");
            Assert.That(exported.Keys, Does.Not.Contain("ml.model.roc_auc").And.Not.Contain("ml.model.log_loss").And.Not.Contain("ml.model.brier_score"));
            Assert.That(exported.Keys, Does.Contain("ml.model.accuracy").And.Contain("ml.model.calibration_error"));
            Assert.That(exported.Values.SelectMany(v => v), Has.None.NaN, "nothing exported is NaN");
        });
    }

    [Test]
    public void Predictions_without_confidence_are_counted_but_no_confidence_metric_is_exported()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000));
        using var monitor = new QualityMonitor("no-confidence", "1", new QualityMonitorOptions
        {
            ClassLabels = ["no", "yes"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            CalibrationReferenceSize = 0,
            TimeProvider = time,
        });
        for (int i = 0; i < 50; i++)
        {
            monitor.RecordClassification(i % 2, double.NaN, "n" + i);
            monitor.RecordGroundTruth("n" + i, i % 5 == 0 ? 1 - (i % 2) : i % 2);
        }

        monitor.EvaluateNow();
        var exported = Collect("no-confidence");
        var report = monitor.LatestReport;
        Assert.Multiple(() =>
        {
            Assert.That(monitor.InvalidPredictionCount, Is.Zero);
            Assert.That(monitor.PredictionCount, Is.EqualTo(50));
            Assert.That(monitor.LowConfidenceCount, Is.Zero);
            Assert.That(report.Classification.Accuracy, Is.EqualTo(0.8));
            Assert.That(report.Classification.RocAuc, Is.NaN);
            Assert.That(report.Classification.LogLoss, Is.NaN);
            Assert.That(report.Classification.BrierScore, Is.NaN);
            Assert.That(report.Classification.ExpectedCalibrationError, Is.NaN);
            Assert.That(report.Classification.MeanConfidence, Is.NaN);
            Assert.That(report.EstimatedAccuracy, Is.NaN);
            Assert.That(report.LowConfidenceShare, Is.NaN);
            Assert.That(exported.Keys, Does.Contain("ml.model.accuracy").And.Contain("ml.predictions"));
            Assert.That(exported.Keys, Has.None.AnyOf("ml.model.roc_auc", "ml.model.log_loss", "ml.model.brier_score", "ml.model.calibration_error",
                "ml.model.accuracy.estimated", "ml.predictions.low_confidence.share", "ml.prediction.confidence.quantile"));
            Assert.That(exported.Values.SelectMany(v => v), Has.None.NaN);
        });
    }

    [Test]
    public void A_model_monitor_forwards_vectors_to_its_quality_monitor_and_the_confidence_to_components_that_take_one()
    {
        using var model = new ModelMonitor("vector-forwarding", "1");
        using var quality = new QualityMonitor("vector-forwarding", "1", new QualityMonitorOptions
        {
            ClassLabels = ["a", "b", "c"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        });
        var confidenceOnly = new ConfidenceOnlySink();
        model.AddComponent(quality);
        model.AddComponent(confidenceOnly);

        model.RecordClassification(2, [0.1, 0.2, 0.7], "f1");
        model.RecordClassification("a", [0.6, 0.3, 0.1], "f2");
        model.RecordGroundTruth("f1", "c");
        model.RecordGroundTruth("f2", "b");
        var report = quality.EvaluateNow().Classification;
        Assert.Multiple(() =>
        {
            Assert.That(confidenceOnly.Calls, Is.EqualTo(new[] { "#2:0.7", "a:0.6" }), "the default implementation passes the predicted class's probability (by label: the largest)");
            Assert.That(report.LogLoss, Is.EqualTo(-(Math.Log(0.7) + Math.Log(0.3)) / 2).Within(1e-12));
            Assert.That(report.BrierScore, Is.EqualTo(((0.01 + 0.04 + 0.09) + (0.36 + 0.49 + 0.01)) / 2).Within(1e-12));
        });
    }

    [Test]
    public void Vectors_of_the_wrong_length_are_dropped_under_a_reason_and_the_prediction_is_kept()
    {
        using var labelled = new QualityMonitor("vector-length", "1", new QualityMonitorOptions { ClassLabels = ["a", "b", "c"] });
        labelled.RecordClassification(0, [0.5, 0.5]);            // two entries for three labels
        labelled.RecordClassification("b", [0.1, 0.7, 0.1, 0.1]); // four
        labelled.RecordClassification(2, [0.1, 0.2, 0.7]);       // fits
        labelled.RecordClassification(1, [0.1, double.NaN, 0.9]); // a NaN probability: the prediction is invalid
        labelled.RecordClassification(1, [0.1, 1.2, 0.9]);        // outside [0, 1]: invalid

        using var bounded = new QualityMonitor("vector-bound", "1", new QualityMonitorOptions { MaxClasses = 4 });
        bounded.RecordClassification(0, [0.2, 0.2, 0.2, 0.2, 0.2]); // more than MaxClasses
        bounded.RecordClassification(0, [1.0]);                     // fewer than 2
        var exported = Collect("vector-length", withTags: true);
        Assert.Multiple(() =>
        {
            Assert.That(labelled.PredictionCount, Is.EqualTo(3));
            Assert.That(labelled.InvalidPredictionCount, Is.EqualTo(2));
            Assert.That(labelled.DroppedProbabilityVectorLengthCount, Is.EqualTo(2));
            Assert.That(labelled.LowConfidenceCount, Is.EqualTo(1), "0.5, 0.7 and 0.7 below 0.7: the predicted class's probability is the confidence, also when the vector is dropped");
            Assert.That(bounded.DroppedProbabilityVectorTooManyClassesCount, Is.EqualTo(1));
            Assert.That(bounded.DroppedProbabilityVectorLengthCount, Is.EqualTo(1));
            Assert.That(bounded.PredictionCount, Is.EqualTo(2));
            Assert.That(exported["ml.predictions.probabilities.dropped|reason=length"], Is.EqualTo(new[] { 2.0 }));
            Assert.That(exported["ml.predictions.probabilities.dropped|reason=too_many_classes"], Is.EqualTo(new[] { 0.0 }));
        });
    }

    [Test]
    public void Recording_with_a_probability_vector_that_is_not_sampled_allocates_nothing()
    {
        using var monitor = new QualityMonitor("vector-alloc", "1", new QualityMonitorOptions
        {
            ClassLabels = ["a", "b", "c"],
            Sampling = new GroundTruthSamplingOptions { Rate = 0.01, Strategy = SamplingStrategy.DeterministicByRequestId },
        });
        const string RequestId = "req-000001"; // hashes to 0.536: never sampled at 1 %
        double[] vector = [0.2, 0.7, 0.1];
        for (int i = 0; i < 1000; i++)
        {
            monitor.RecordClassification(1, vector, RequestId);
            monitor.RecordClassification("b", vector, RequestId);
            monitor.RecordClassification(2, double.NaN, RequestId);
        }

        var rounds = new long[5];
        for (int round = 0; round < rounds.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2_000; i++)
            {
                monitor.RecordClassification(1, vector, RequestId);
                monitor.RecordClassification("b", vector, RequestId);
                monitor.RecordClassification(2, double.NaN, RequestId);
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(rounds.Min(), Is.Zero, $"bytes allocated per round of 2,000 iterations: {string.Join(", ", rounds)}");
        Assert.That(monitor.SampledCount, Is.Zero);
    }

    [Test]
    public void A_sampled_vector_is_counted_in_the_pending_bytes_until_its_label_joins()
    {
        using var monitor = new QualityMonitor("vector-bytes", "1", new QualityMonitorOptions { ClassLabels = ["a", "b", "c"], Sampling = new GroundTruthSamplingOptions { Rate = 1.0 } });
        monitor.RecordClassification(0, 0.9, "plain");
        long plain = monitor.PendingBytes;
        monitor.RecordClassification(0, [0.9, 0.05, 0.05], "vector");
        Assert.That(monitor.PendingBytes - plain, Is.EqualTo(PendingPredictionStore.EntryBytes("vector") + 24 + (3 * 8)));
        monitor.RecordGroundTruth("vector", "a");
        monitor.RecordGroundTruth("plain", "a");
        Assert.That(monitor.PendingBytes, Is.EqualTo(2 * PendingPredictionStore.ForgottenEntryBytes), "only the remembered ids remain");
    }

    /// <summary>An output sink written before probability vectors existed: only the confidence overloads.</summary>
    private sealed class ConfidenceOnlySink : IModelOutputSink
    {
        public List<string> Calls { get; } = [];

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
            Calls.Add(FormattableString.Invariant($"#{predictedClass}:{confidence}"));

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
            Calls.Add(FormattableString.Invariant($"{predictedLabel}:{confidence}"));

        public void RecordRegression(double value, string? requestId = null)
        {
        }
    }

    private static void AssertClose(double actual, JsonElement expected, string property, string? name = null)
    {
        var value = expected.GetProperty(property);
        string what = name is null ? property : name + ": " + property;
        if (value.ValueKind == JsonValueKind.Null)
        {
            Assert.That(actual, Is.NaN, what + " (no row supports it)");
        }
        else
        {
            double e = value.GetDouble();
            Assert.That(actual, Is.EqualTo(e).Within(Math.Max(Math.Abs(e) * Relative, 1e-15)), what);
        }
    }

    /// <summary>What the quality instruments export for one model now: instrument name (and, with tags, "|reason=...")
    /// to values.</summary>
    private static Dictionary<string, List<double>> Collect(string model, bool withTags = false)
    {
        var seen = new Dictionary<string, List<double>>();
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
            string? modelName = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == SemanticConventions.ModelName)
                {
                    modelName = tag.Value as string;
                }
                else if (tag.Key == "reason")
                {
                    reason = tag.Value as string;
                }
            }

            if (modelName == model)
            {
                string key = withTags && reason is not null ? instrument.Name + "|reason=" + reason : instrument.Name;
                (seen.TryGetValue(key, out var list) ? list : seen[key] = []).Add(value);
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
