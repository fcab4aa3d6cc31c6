using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>The instrumented session on the real wine classifier, run by ONNX Runtime's CPU provider.</summary>
public sealed class InstrumentedInferenceSessionTests
{
    private static string UniqueName() => "wine-" + Guid.NewGuid().ToString("N")[..8];

    private static (InstrumentedInferenceSession Session, RecordingInputSink Inputs, RecordingOutputSink Outputs) CreateWine(
        string name, OutputKind kind = OutputKind.Probabilities, int every = 1, string? outputName = null, Action<SessionOptions>? configureSession = null)
    {
        var inputs = new RecordingInputSink();
        var outputs = new RecordingOutputSink();
        var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions
        {
            ModelName = name,
            Features = new FeatureCaptureOptions { Sink = inputs },
            Outputs = new OutputCaptureOptions { Sink = outputs, Kind = kind, OutputName = outputName },
            CaptureEveryNthRow = every,
        }, configureSession: configureSession);
        return (session, inputs, outputs);
    }

    [Test]
    public void Run_records_latency_batch_size_predictions_and_features_with_the_right_values()
    {
        string name = UniqueName();
        using var metrics = new MetricRecorder(name);
        var rows = TestModels.WineRows();
        var (session, inputs, outputs) = CreateWine(name);
        using (session)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
            using var results = session.Run(null, ["features"], [input], ["probabilities"]);

            var captured = inputs.Rows.ToArray();
            var predictions = outputs.Classifications.ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(session.Metrics.RequestCount, Is.EqualTo(1));
                Assert.That(session.Metrics.ErrorCount, Is.Zero);
                Assert.That(session.Metrics.Latency.GetSnapshot().Count, Is.EqualTo(1), "one latency recorded");
                Assert.That(metrics.Of("ml.inference.duration").Single().Value, Is.GreaterThan(0));
                Assert.That(metrics.Of("ml.inference.batch.size").Single().Value, Is.EqualTo(rows.Length));
                Assert.That(metrics.Sum("ml.inference.requests", "ml.outcome=success"), Is.EqualTo(1), "one request, outcome success (an observable counter: read at collection)");
                Assert.That(captured, Has.Length.EqualTo(rows.Length));
                Assert.That(predictions, Has.Length.EqualTo(rows.Length));
                Assert.That(inputs.FloatCalls, Is.EqualTo(rows.Length), "float rows go to the float overload, not converted");
                for (int i = 0; i < rows.Length; i++)
                {
                    Assert.That(captured[i], Is.EqualTo(rows[i].Features.Select(f => (double)f).ToArray()), $"features of row {i}");
                    Assert.That(predictions[i].Class, Is.EqualTo(rows[i].Predicted), $"class of row {i}");
                    Assert.That(predictions[i].Confidence, Is.EqualTo(rows[i].Probabilities.Max()).Within(1e-5), $"confidence of row {i}");
                }

                Assert.That(session.CapturedFeatureRows, Is.EqualTo(rows.Length));
                Assert.That(session.CapturedOutputRows, Is.EqualTo(rows.Length));
                Assert.That(session.SkippedCaptures, Is.Zero);
                Assert.That(session.FeatureNames, Has.Count.EqualTo(TestModels.WineFeatures).And.Contains("proline"));
                Assert.That(session.ClassNames, Is.EqualTo(new[] { "class_0", "class_1", "class_2" }));
            });
        }
    }

    [Test]
    public void Logits_output_gets_softmax_and_matches_the_reference_probabilities()
    {
        var rows = TestModels.WineRows();
        var (session, _, outputs) = CreateWine(UniqueName(), OutputKind.Logits, outputName: "logits");
        using (session)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
            using var results = session.Run(null, ["features"], [input], ["logits"]);
            var predictions = outputs.Classifications.ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(predictions, Has.Length.EqualTo(rows.Length));
                for (int i = 0; i < rows.Length; i++)
                {
                    Assert.That(predictions[i].Class, Is.EqualTo(rows[i].Predicted));
                    Assert.That(predictions[i].Confidence, Is.EqualTo(rows[i].Probabilities.Max()).Within(1e-5));
                }
            });
        }
    }

    [Test]
    public void Class_labels_are_reported_from_the_model_metadata_when_asked()
    {
        var rows = TestModels.WineRows();
        var outputs = new RecordingOutputSink();
        using var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions
        {
            ModelName = UniqueName(),
            Outputs = new OutputCaptureOptions { Sink = outputs, ReportClassLabels = true },
        });
        using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
        using var results = session.Run(null, ["features"], [input], ["probabilities"]);
        Assert.That(outputs.Classifications.Select(c => c.Label), Is.EqualTo(rows.Select(r => "class_" + r.Predicted)));
    }

    [Test]
    public void Sampling_captures_every_nth_row_counted_across_runs()
    {
        var rows = TestModels.WineRows(); // 10 rows
        var (session, inputs, outputs) = CreateWine(UniqueName(), every: 3);
        using (session)
        {
            // Runs of 4, 4 and 2 rows: global rows 0..9; rows 0, 3, 6, 9 are captured.
            foreach (var chunk in rows.Chunk(4))
            {
                using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(chunk), [chunk.Length, TestModels.WineFeatures]);
                using var results = session.Run(null, ["features"], [input], ["probabilities"]);
            }

            int[] expected = [0, 3, 6, 9];
            Assert.Multiple(() =>
            {
                Assert.That(inputs.Rows.Select(r => r[12]), Is.EqualTo(expected.Select(i => (double)rows[i].Features[12])), "proline of the captured rows");
                Assert.That(outputs.Classifications.Select(c => c.Class), Is.EqualTo(expected.Select(i => rows[i].Predicted)));
                Assert.That(session.Metrics.RequestCount, Is.EqualTo(3));
            });
        }
    }

    [Test]
    public void Failed_run_is_recorded_by_onnx_runtime_error_code_and_rethrown()
    {
        string name = UniqueName();
        using var metrics = new MetricRecorder(name);
        var (session, inputs, _) = CreateWine(name);
        using (session)
        {
            using var wrongWidth = OrtValue.CreateTensorValueFromMemory(new float[2 * 5], [2, 5]);
            Assert.Throws<OnnxRuntimeException>(() => session.Run(null, ["features"], [wrongWidth], ["probabilities"]));
            using var output = OrtValue.CreateTensorValueFromMemory(new float[2 * 3], [2, 3]);
            Assert.ThrowsAsync<OnnxRuntimeException>(() => session.RunAsync(null, ["features"], [wrongWidth], ["probabilities"], [output]));
            Assert.Multiple(() =>
            {
                Assert.That(session.Metrics.ErrorCount, Is.EqualTo(2));
                Assert.That(metrics.Of("ml.inference.errors").Select(m => m.Tags[SemanticConventions.ErrorType]), Is.EqualTo(new[] { "InvalidArgument", "InvalidArgument" }));
                Assert.That(session.Metrics.ActiveCount, Is.Zero);
                Assert.That(inputs.Rows, Is.Empty, "a failed run captures nothing");
            });
        }
    }

    [Test]
    public void Named_dictionary_preallocated_and_async_runs_are_all_instrumented()
    {
        string name = UniqueName();
        using var metrics = new MetricRecorder(name);
        var rows = TestModels.WineRows();
        // ONNX Runtime's RunAsync needs an intra-op thread pool; with the default thread count it refused on a 2-vCPU VM
        // ("intra op thread pool must have at least one thread"): ask for two threads, as docs/onnxruntime.md says.
        var (session, inputs, outputs) = CreateWine(name, configureSession: o => o.IntraOpNumThreads = 2);
        using (session)
        {
            var data = TestModels.Flatten(rows.Take(2));
            using var input = OrtValue.CreateTensorValueFromMemory(data, [2, TestModels.WineFeatures]);

            using (var r1 = session.Run(null, new Dictionary<string, OrtValue> { ["features"] = input }, ["probabilities"]))
            {
            }

            var named = NamedOnnxValue.CreateFromTensor("features",
                new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(data, [2, TestModels.WineFeatures]));
            using (var r2 = session.Run([named]))
            {
                Assert.That(r2.Select(v => v.Name), Does.Contain("probabilities"));
            }

            using var output = OrtValue.CreateTensorValueFromMemory(new float[2 * 3], [2, 3]);
            session.Run(null, ["features"], [input], ["probabilities"], [output]);
            Assert.That(output.GetTensorDataAsSpan<float>()[0], Is.EqualTo(rows[0].Probabilities[0]).Within(1e-5));

            using var asyncOutput = OrtValue.CreateTensorValueFromMemory(new float[2 * 3], [2, 3]);
            var asyncResults = session.RunAsync(null, ["features"], [input], ["probabilities"], [asyncOutput]).GetAwaiter().GetResult();
            Assert.That(asyncResults, Has.Count.EqualTo(1));

            Assert.Multiple(() =>
            {
                Assert.That(session.Metrics.RequestCount, Is.EqualTo(4));
                Assert.That(metrics.Of("ml.inference.batch.size").Select(m => m.Value), Is.EqualTo(new double[] { 2, 2, 2, 2 }));
                Assert.That(inputs.Rows, Has.Count.EqualTo(8));
                Assert.That(outputs.Classifications.Select(c => c.Class), Is.EqualTo(Enumerable.Repeat(new[] { 0, 0 }, 4).SelectMany(x => x)));
                Assert.That(outputs.Classifications.Select(c => c.Confidence).Distinct().Count(), Is.EqualTo(2), "the same two rows each time");
            });
        }
    }

    [Test]
    public void Output_not_requested_is_counted_as_a_skipped_capture()
    {
        var rows = TestModels.WineRows();
        var (session, inputs, outputs) = CreateWine(UniqueName());
        using (session)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
            using var results = session.Run(null, ["features"], [input], ["logits"]);
            Assert.Multiple(() =>
            {
                Assert.That(outputs.Classifications, Is.Empty);
                Assert.That(inputs.Rows, Has.Count.EqualTo(rows.Length));
                Assert.That(session.SkippedCaptures, Is.EqualTo(1));
            });
        }
    }

    [Test]
    public void Regression_outputs_go_into_their_distribution()
    {
        var (_, data) = TestModels.ReadCsv("diabetes_rows.csv");
        var features = data.SelectMany(r => r.Take(TestModels.DiabetesFeatures)).Select(v => (float)v).ToArray();
        var outputs = new RecordingOutputSink();
        var inputs = new RecordingInputSink();
        using var session = InstrumentedInferenceSession.Create(TestModels.DiabetesPath, new InstrumentedSessionOptions
        {
            Features = new FeatureCaptureOptions { Sink = inputs },
            Outputs = new OutputCaptureOptions { Sink = outputs, Kind = OutputKind.Regression },
        });
        using var input = OrtValue.CreateTensorValueFromMemory(features, [data.Length, TestModels.DiabetesFeatures]);
        using var results = session.Run(null, ["features"], [input], ["prediction"]);
        Assert.Multiple(() =>
        {
            Assert.That(session.ModelName, Is.EqualTo("diabetes_linear"), "the graph name is the default model name");
            Assert.That(session.ModelVersion, Is.EqualTo("1"));
            Assert.That(outputs.Regressions.ToArray(), Is.EqualTo(data.Select(r => r[^1]).ToArray()).Within(1e-3));
            Assert.That(session.FeatureNames[2], Is.EqualTo("bmi"));
            Assert.That(inputs.Rows, Has.Count.EqualTo(data.Length));
        });
    }

    [Test]
    public void Concurrent_runs_are_all_counted_and_sampling_stays_exact()
    {
        var rows = TestModels.WineRows();
        var (session, inputs, outputs) = CreateWine(UniqueName(), every: 3);
        using (session)
        {
            var data = TestModels.Flatten(rows.Take(2));
            Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
            {
                using var input = OrtValue.CreateTensorValueFromMemory(data, [2, TestModels.WineFeatures]);
                using var results = session.Run(null, ["features"], [input], ["probabilities"]);
            });

            // 400 rows in all; every run reserves its own range of row numbers, so rows 0, 3, ..., 399 are captured.
            Assert.Multiple(() =>
            {
                Assert.That(session.Metrics.RequestCount, Is.EqualTo(200));
                Assert.That(session.Metrics.ActiveCount, Is.Zero);
                Assert.That(inputs.Rows, Has.Count.EqualTo(134));
                Assert.That(outputs.Classifications, Has.Count.EqualTo(134));
                Assert.That(session.CapturedFeatureRows, Is.EqualTo(134));
            });
        }
    }

    [Test]
    public void Nan_row_reaches_the_sink_as_an_invalid_prediction()
    {
        var (session, _, outputs) = CreateWine(UniqueName(), OutputKind.Logits, outputName: "logits");
        using (session)
        {
            var data = new float[TestModels.WineFeatures];
            data[0] = float.NaN;
            using var input = OrtValue.CreateTensorValueFromMemory(data, [1, TestModels.WineFeatures]);
            using var results = session.Run(null, ["features"], [input], ["logits"]);
            var prediction = outputs.Classifications.Single();
            Assert.Multiple(() =>
            {
                Assert.That(prediction.Class, Is.EqualTo(-1));
                Assert.That(prediction.Confidence, Is.NaN);
            });
        }
    }
}

/// <summary>The steady path (pre-allocated outputs) allocates exactly what ONNX Runtime allocates, nothing more.</summary>
public sealed class SteadyPathAllocationTests
{
    [Test]
    public void Instrumented_run_with_capture_allocates_no_more_than_the_plain_run()
    {
        var rows = TestModels.WineRows();
        using var plain = new InferenceSession(TestModels.WinePath);
        using var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions
        {
            ModelName = "alloc-" + Guid.NewGuid().ToString("N")[..8],
            Features = new FeatureCaptureOptions { Sink = new CountingSink() },
            Outputs = new OutputCaptureOptions { Sink = new CountingSink(), Kind = OutputKind.Logits, OutputName = "logits" },
        });
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
        using var output = OrtValue.CreateTensorValueFromMemory(new float[rows.Length * 3], [rows.Length, 3]);
        string[] inputNames = ["features"], outputNames = ["logits"];
        OrtValue[] inputs = [input], outputs = [output];

        long Allocated(Action run)
        {
            for (int i = 0; i < 200; i++)
            {
                run();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                run();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long plainBytes = Allocated(() => plain.Run(runOptions, inputNames, inputs, outputNames, outputs));
        long instrumentedBytes = Allocated(() => session.Run(runOptions, inputNames, inputs, outputNames, outputs));
        Assert.Multiple(() =>
        {
            Assert.That(instrumentedBytes, Is.LessThanOrEqualTo(plainBytes));
            Assert.That(session.CapturedOutputRows, Is.EqualTo(1200 * rows.Length), "capture really ran");
        });
    }

    private sealed class CountingSink : IModelInputSink, IModelOutputSink
    {
        public long Calls { get; private set; }

        public void RecordFeatures(ReadOnlySpan<double> features) => Calls++;

        public void RecordFeatures(ReadOnlySpan<float> features) => Calls++;

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => Calls++;

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => Calls++;

        public void RecordRegression(double value, string? requestId = null) => Calls++;
    }
}
