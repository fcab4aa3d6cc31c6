using System.Runtime.CompilerServices;
using MlObservability.Instrumentation;

namespace MlObservability.Benchmarks.Instrumented;

/// <summary>The service every decorator of <see cref="InstrumentedDecoratorBenchmarks"/> wraps.</summary>
[Instrumented("bench-model", ModelVersion = "1")]
public interface IBenchModel
{
    int Predict(int input);

    ValueTask<int> PredictAsync(int input);
}

/// <summary>A model that does a little arithmetic and never inlines, so that every variant pays one real call.</summary>
public sealed class BenchModel : IBenchModel
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Predict(int input) => (input * 31) ^ 7;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public ValueTask<int> PredictAsync(int input) => new((input * 31) ^ 7);
}
