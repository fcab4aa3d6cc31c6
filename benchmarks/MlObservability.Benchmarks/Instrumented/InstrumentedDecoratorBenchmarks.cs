using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace MlObservability.Benchmarks.Instrumented;

// Results: see the end of this file.

/// <summary>
/// Overhead of the generated [Instrumented] decorator against no decorator, a hand-written decorator doing the same work
/// and a DispatchProxy decorator, for a synchronous call and a completed ValueTask call. <see cref="Listening"/> says
/// whether a MeterListener subscribes to the instruments (as OpenTelemetry would), which makes every recording real.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Trimming", "IL2026", Justification = "The DispatchProxy peer is measured on purpose; it is not AOT-safe.")]
[SuppressMessage("AOT", "IL3050", Justification = "The DispatchProxy peer is measured on purpose; it is not AOT-safe.")]
public class InstrumentedDecoratorBenchmarks
{
    private readonly IBenchModel _undecorated = new BenchModel();
    private readonly IBenchModel _generated = new InstrumentedBenchModel(new BenchModel());
    private readonly IBenchModel _handWritten = new HandWrittenBenchModel(new BenchModel());
    private readonly IBenchModel _dispatchProxy = DispatchProxyBenchModel.Wrap(new BenchModel());
    private MeterListener? _listener;
    private long _sink;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!Listening)
        {
            return;
        }

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MlTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _sink, value));
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _sink));
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark(Baseline = true)]
    public int Undecorated_Sync() => _undecorated.Predict(42);

    [Benchmark]
    public int Generated_Sync() => _generated.Predict(42);

    [Benchmark]
    public int HandWritten_Sync() => _handWritten.Predict(42);

    [Benchmark]
    public int DispatchProxy_Sync() => _dispatchProxy.Predict(42);

    [Benchmark]
    public int Undecorated_CompletedValueTask() => Complete(_undecorated.PredictAsync(42));

    [Benchmark]
    public int Generated_CompletedValueTask() => Complete(_generated.PredictAsync(42));

    [Benchmark]
    public int HandWritten_CompletedValueTask() => Complete(_handWritten.PredictAsync(42));

    [Benchmark]
    public int DispatchProxy_CompletedValueTask() => Complete(_dispatchProxy.PredictAsync(42));

    private static int Complete(ValueTask<int> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
