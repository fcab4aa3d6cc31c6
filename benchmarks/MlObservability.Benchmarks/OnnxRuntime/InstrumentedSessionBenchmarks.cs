// Results (NOISY: shared 2-core AMD EPYC 2.60GHz VM, load average 20-30 from parallel builds; .NET 10.0.12, BenchmarkDotNet
// 0.15.8, --job short). To be re-measured on a quiet machine.
//
// | Method                     | BatchSize | Mean      | Error      | StdDev    | Ratio | Allocated | Alloc Ratio |
// |--------------------------- |---------- |----------:|-----------:|----------:|------:|----------:|------------:|
// | PlainRun                   | 1         |  8.990 us |   1.671 us | 0.0916 us |  1.00 |     224 B |        1.00 |
// | InstrumentedRun            | 1         | 11.924 us |  40.730 us | 2.2326 us |  1.33 |     224 B |        1.00 |
// | InstrumentedRunWithCapture | 1         | 11.249 us |  17.696 us | 0.9700 us |  1.25 |     224 B |        1.00 |
// | PlainRun                   | 64        | 20.470 us |  73.046 us | 4.0039 us |  1.03 |     224 B |        1.00 |
// | InstrumentedRun            | 64        | 20.066 us | 103.695 us | 5.6839 us |  1.01 |     224 B |        1.00 |
// | InstrumentedRunWithCapture | 64        | 24.755 us |  17.506 us | 0.9595 us |  1.24 |     224 B |        1.00 |
//
// The error columns exceed the differences. An interleaved A/B run on the same machine (plain, instrumented, capturing
// in turn, median of 400 blocks of 200 runs, which cancels most of the load noise) gave:
//   batch 1:  plain 2.42 us, instrumented 2.69 us (+0.27 us), with capture 2.84 us (+0.42 us)
//   batch 64: plain 5.05 us, instrumented 5.34 us (+0.29 us), with capture of 64 rows 5.73 us (+0.68 us)
// Allocation is identical (224 B per run, all ONNX Runtime's): the instrumentation adds none.

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
