// Results: docs/benchmarks.md, "Drift window evaluation (issue 16, target 2)".

using BenchmarkDotNet.Attributes;
using MlObservability.Drift;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// Sorting the columns of a drift window, what the evaluator does per feature before KS and PSI: the library's radix
/// sort against the runtime's comparison sort (<see cref="MemoryExtensions.Sort{T}(Span{T})"/>). Each invocation sorts
/// 32 different columns of 1,000 normal values (copied first, in both cases): sorting one column over and over lets the
/// branch predictor learn the comparison sort's branches, which no real window allows.
/// </summary>
[MemoryDiagnoser]
public class WindowSortBenchmarks
{
    private const int Columns = 32;
    private readonly DoubleRadixSort _radix = new();
    private double[][] _columns = [];
    private double[] _buffer = [];

    /// <summary>Values per column.</summary>
    [Params(1_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _columns = [.. Enumerable.Range(0, Columns).Select(_ => Enumerable.Range(0, Rows).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray())];
        _buffer = new double[Rows];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Columns, Description = "Span.Sort (introsort), per column")]
    public double ComparisonSort()
    {
        var sum = 0.0;
        foreach (var column in _columns)
        {
            column.CopyTo(_buffer, 0);
            _buffer.AsSpan().Sort();
            sum += _buffer[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Columns, Description = "DoubleRadixSort, per column")]
    public double RadixSort()
    {
        var sum = 0.0;
        foreach (var column in _columns)
        {
            column.CopyTo(_buffer, 0);
            _radix.Sort(_buffer);
            sum += _buffer[0];
        }

        return sum;
    }
}
