using System.Diagnostics;
using MlObservability.Benchmarks.Histograms;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// A quick look at 2-thread scaling, component by component (issue 16, target 4): one fully monitored model, and short
/// rounds of calls on 1 and then 2 pre-started threads, alternating, so that both thread counts see the same load over
/// the run. Prints the median and minimum time per call of aggregate throughput and the scaling
/// (1-thread time / 2-thread time). BenchmarkDotNet's <see cref="FullyMonitoredThroughputBenchmarks"/> gives the figures
/// to report; this probe finds where the scaling goes in a minute, by many short rounds that a noisy machine disturbs
/// less.
/// </summary>
/// <remarks>Usage: <c>-- scaling [--rounds 101] [--calls 16384] [--sampling-percent 10]</c>.</remarks>
internal static class ScalingProbe
{
    public static int Run(string[] args)
    {
        var rounds = Option(args, "--rounds", 101);
        var calls = Option(args, "--calls", 1 << 14);
        var sampling = Option(args, "--sampling-percent", 10) / 100.0;
        using var fixture = new FullyMonitoredFixture("probe-scaling", 32, sampling);
        var model = fixture.Model;
        var bodies = new (string Name, Action<int, int, int> Body)[]
        {
            ("fully monitored", (worker, start, count) =>
            {
                for (int i = start, end = start + count; i < end; i++)
                {
                    fixture.Infer(i & (FullyMonitoredFixture.Calls - 1));
                }
            }),
            ("Start + RecordSuccess", (worker, start, count) =>
            {
                for (var i = 0; i < count; i++)
                {
                    model.Inference.RecordSuccess(model.Inference.Start());
                }
            }),
            ("RecordFeatures", (worker, start, count) =>
            {
                for (int i = start, end = start + count; i < end; i++)
                {
                    model.RecordFeatures(fixture.Rows[i & (FullyMonitoredFixture.Calls - 1)]);
                }
            }),
            ("RecordClassification", (worker, start, count) =>
            {
                for (int i = start, end = start + count; i < end; i++)
                {
                    var c = i & (FullyMonitoredFixture.Calls - 1);
                    model.RecordClassification(fixture.Classes[c], fixture.Confidences[c], fixture.RequestIds[c]);
                }
            }),
        };

        using var one = new ThreadGang(1);
        using var two = new ThreadGang(2);
        Console.WriteLine($"{Environment.ProcessorCount} processors, load {LoadAverage()}; {rounds} rounds of {calls} calls");
        Console.WriteLine("| component | 1 thread, median (min) | 2 threads, median (min) | scaling (medians) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, body) in bodies)
        {
            var single = new double[rounds];
            var pair = new double[rounds];
            Time(one, body, calls, 3);
            Time(two, body, calls, 3);
            for (var r = 0; r < rounds; r++)
            {
                single[r] = Time(one, body, calls, 1);
                pair[r] = Time(two, body, calls, 1);
            }

            Array.Sort(single);
            Array.Sort(pair);
            var m1 = single[rounds / 2];
            var m2 = pair[rounds / 2];
            Console.WriteLine($"| {name} | {m1:F1} ns ({single[0]:F1}) | {m2:F1} ns ({pair[0]:F1}) | {m1 / m2:F2}x |");
        }

        var drift = model.Drift!;
        Console.WriteLine($"drift rows evaluated {drift.EvaluatedRows:N0}, skipped {drift.SkippedRows:N0}; evaluations postponed {drift.DeferredEvaluations:N0}");

        Console.WriteLine($"load {LoadAverage()}");
        return 0;
    }

    /// <summary>Nanoseconds per call of aggregate throughput for <paramref name="calls"/> calls split across the gang.</summary>
    private static double Time(ThreadGang gang, Action<int, int, int> body, int calls, int repeats)
    {
        var perThread = calls / gang.Size;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < repeats; i++)
        {
            gang.Run(worker => body(worker, worker * 509, perThread));
        }

        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / (repeats * (double)perThread * gang.Size);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
