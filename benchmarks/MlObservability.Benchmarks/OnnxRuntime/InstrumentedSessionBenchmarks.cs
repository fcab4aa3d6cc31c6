// Results, 2026-11-23 02:38-02:39 UTC (load average 3.2 before, 1.7 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.OnnxRuntime.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM), Debian 12, .NET 10.0.12, Microsoft.ML.OnnxRuntime 1.31.1 (CPU, 1 intra-op thread),
// BenchmarkDotNet 0.15.8. Ratio against PlainRun with the same batch size.
//
// | Method | BatchSize | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|---:|
// | PlainRun | 1 | 2.308 μs | 0.0482 μs | 1.00 | 224 B |
// | InstrumentedRun | 1 | 2.598 μs | 0.0295 μs | 1.13 | 224 B |
// | InstrumentedRunWithCapture | 1 | 2.694 μs | 0.0194 μs | 1.17 | 224 B |
// | PlainRun | 64 | 4.678 μs | 0.0872 μs | 1.00 | 224 B |
// | InstrumentedRun | 64 | 4.925 μs | 0.0588 μs | 1.05 | 224 B |
// | InstrumentedRunWithCapture | 64 | 5.237 μs | 0.0633 μs | 1.12 | 224 B |
// Added per run: batch 1 +0.29 us (with capture +0.39 us), batch 64 +0.25 us (with capture of 64 rows +0.56 us); target
// <= 1 % or <= 1 us, whichever is larger (here 1 us): met. Allocation identical (224 B, all ONNX Runtime's): met.
// The earlier interleaved A/B run at load 20-30 agreed: +0.27 / +0.42 us (batch 1), +0.29 / +0.68 us (batch 64).

using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using MlObservability;
using MlObservability.OnnxRuntime;

namespace MlObservability.Benchmarks.OnnxRuntime;

/// <summary>
/// Overhead of <see cref="InstrumentedInferenceSession"/> over a plain <see cref="InferenceSession"/> on the real wine
/// classifier (tests/TestData/Onnx/wine_mlp.onnx, 13 -> 16 -> 3 MLP), CPU provider, one intra-op thread, pre-allocated
/// outputs (the steady path of a server). Target: at most 1 % or 1 us added per run, whichever is larger, and no
/// added allocation.
/// </summary>
[MemoryDiagnoser]
public class InstrumentedSessionBenchmarks
{
    private static readonly string[] InputNames = ["features"];
    private static readonly string[] OutputNames = ["probabilities"];

    private InferenceSession _plain = null!;
    private InstrumentedInferenceSession _instrumented = null!;
    private InstrumentedInferenceSession _capturing = null!;
    private RunOptions _runOptions = null!;
    private OrtValue[] _inputs = null!;
    private OrtValue[] _outputs = null!;

    /// <summary>Rows per run.</summary>
    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string model = FindModel();
        var sessionOptions = new SessionOptions { IntraOpNumThreads = 1 };
        _plain = new InferenceSession(model, sessionOptions);
        _instrumented = InstrumentedInferenceSession.Create(
            model, new InstrumentedSessionOptions { ModelName = "bench-metrics" }, configureSession: o => o.IntraOpNumThreads = 1);
        _capturing = InstrumentedInferenceSession.Create(
            model,
            new InstrumentedSessionOptions
            {
                ModelName = "bench-capture",
                Features = new FeatureCaptureOptions { Sink = new CountingSink() },
                Outputs = new OutputCaptureOptions { Sink = new CountingSink() },
            },
            configureSession: o => o.IntraOpNumThreads = 1);
        _runOptions = new RunOptions();
        var data = new float[BatchSize * 13];
        var random = new Random(42);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 10);
        }

        _inputs = [OrtValue.CreateTensorValueFromMemory(data, [BatchSize, 13])];
        _outputs = [OrtValue.CreateTensorValueFromMemory(new float[BatchSize * 3], [BatchSize, 3])];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _instrumented.Dispose();
        _capturing.Dispose();
        _runOptions.Dispose();
        _inputs[0].Dispose();
        _outputs[0].Dispose();
    }

    /// <summary>ONNX Runtime alone.</summary>
    [Benchmark(Baseline = true)]
    public void PlainRun() => _plain.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);

    /// <summary>RED metrics, batch size, span check.</summary>
    [Benchmark]
    public void InstrumentedRun() => _instrumented.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);

    /// <summary>RED metrics plus every row's features and prediction handed to sinks.</summary>
    [Benchmark]
    public void InstrumentedRunWithCapture() => _capturing.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);

    private static string FindModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "TestData", "Onnx", "wine_mlp.onnx");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/TestData/Onnx/wine_mlp.onnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// A sink that only counts calls, so the benchmark measures the adapter (span slicing, arg-max, sampling), not the
    /// drift and quality modules behind it, which have their own benchmarks.
    /// </summary>
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
