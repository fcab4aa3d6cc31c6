// Results: docs/benchmarks.md, "Drift evaluator soak (issue 16, targets 2 and 3)".
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- soak [--rate 10000] [--seconds 30]
//   [--features 32] [--window 1000] [--reference 5000] [--shift 0]

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime.InteropServices;
using MlObservability.Drift;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// A soak run of the drift evaluator at a fixed request rate (issue 16): one producer thread records rows into a real
/// <see cref="DriftMonitor"/> (32 numeric features, a 5,000-row reference by default) at a paced rate, the monitor
/// evaluates each full tumbling window on the thread pool as it does in production (<c>EvaluateOnWindowCompletion</c>),
/// and at the end the tool reports the exported <c>ml_drift_rows_total</c> by outcome (read through a
/// <see cref="MeterListener"/>, as an exporter reads it), the evaluated windows and their evaluation times (from the
/// library's own <c>DriftWindowEvaluated</c> event), and the CPU the process spent off the producer thread as a share
/// of one core: the evaluator plus the runtime's own background work (JIT, GC), an upper bound on the evaluator's share.
/// </summary>
internal static class DriftSoak
{
    public static int Run(string[] args)
    {
        var rate = Option(args, "--rate", 10_000);
        var seconds = Option(args, "--seconds", 30);
        var features = Option(args, "--features", 32);
        var window = Option(args, "--window", 1_000);
        var referenceRows = Option(args, "--reference", 5_000);
        var shift = Option(args, "--shift", 0.0);

        var random = new Random(11);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var builder = new ReferenceProfileBuilder([.. Enumerable.Range(0, features).Select(i => $"f{i}")]);
        for (var r = 0; r < referenceRows; r++)
        {
            builder.AddRow([.. Enumerable.Range(0, features).Select(_ => Normal())]);
        }

        // Rows drawn ahead so that the producer measures recording, not the random number generator.
        var rows = Enumerable.Range(0, 50_000).Select(_ => Enumerable.Range(0, features).Select(f => Normal() + (f % 4 == 0 ? shift : 0)).ToArray()).ToArray();
        using var evaluations = new EvaluationListener();
        using var monitor = DriftMonitor.Create("soak", "1", builder.Build(), new DriftMonitorOptions { WindowSize = window });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Drift soak: {rate:N0} rows/s for {seconds} s, {features} numeric features, windows of {window:N0} rows, reference {referenceRows:N0} rows, shift {shift} on every 4th feature"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, load average {LoadAverage()}"));

        Produce(monitor, rows, rate, 2); // warm-up: JIT and the first windows, not measured
        evaluations.Reset();
        var (skippedBefore, evaluatedBefore) = RowOutcomes();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var (offered, producerCpu) = Produce(monitor, rows, rate, seconds);
        Thread.Sleep(500); // the last full window is evaluated on the thread pool
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var (skippedAfter, evaluatedAfter) = RowOutcomes();
        var windows = evaluations.Snapshot();

        var offCore = cpu - producerCpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows offered {offered:N0} in {seconds} s ({offered / (double)seconds:N0} rows/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ml_drift_rows_total{{outcome=\"evaluated\"}} +{evaluatedAfter - evaluatedBefore:N0}, ml_drift_rows_total{{outcome=\"skipped\"}} +{skippedAfter - skippedBefore:N0}"));
        if (windows.Length > 0)
        {
            Array.Sort(windows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"windows evaluated {windows.Length}: evaluation wall time per window median {windows[windows.Length / 2]:F2} ms, p90 {windows[(int)(windows.Length * 0.9)]:F2} ms, max {windows[^1]:F2} ms, total {windows.Sum():F0} ms = {windows.Sum() / 10 / wall.Elapsed.TotalSeconds:F2} % of one core's wall time"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"producer thread CPU {producerCpu:F2} s ({producerCpu * 1e9 / Math.Max(1, offered):F0} ns per row, pacing included); process CPU off the producer thread {offCore:F2} s = {offCore * 100 / wall.Elapsed.TotalSeconds:F2} % of one core (evaluator + runtime background work)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after {LoadAverage()}"));
        return 0;
    }

    /// <summary>Records rows at <paramref name="rate"/> per second for <paramref name="seconds"/> seconds on the calling
    /// thread, in steps of about a millisecond; returns the rows offered and the thread's CPU seconds.</summary>
    private static (long Offered, double ThreadCpu) Produce(DriftMonitor monitor, double[][] rows, int rate, int seconds)
    {
        var cpuBefore = ThreadCpuSeconds();
        var clock = Stopwatch.StartNew();
        long offered = 0;
        var total = (long)rate * seconds;
        while (offered < total)
        {
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
            for (; offered < due; offered++)
            {
                monitor.RecordFeatures(rows[offered % rows.Length]);
            }

            Thread.Sleep(1);
        }

        return (offered, ThreadCpuSeconds() - cpuBefore);
    }

    private static (long Skipped, long Evaluated) RowOutcomes()
    {
        long skipped = 0, evaluated = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name == "ml.drift.rows")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? model = null, outcome = null;
            foreach (var tag in tags)
            {
                model = tag.Key == "ml.model.name" ? tag.Value as string : model;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            if (model == "soak")
            {
                skipped += outcome == "skipped" ? value : 0;
                evaluated += outcome == "evaluated" ? value : 0;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return (skipped, evaluated);
    }

    private static double ThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        // CLOCK_THREAD_CPUTIME_ID = 3.
        return ClockGetTime(3, out var t) == 0 ? t.Seconds + (t.Nanoseconds / 1e9) : 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static T Option<T>(string[] args, string name, T fallback)
        where T : IParsable<T>
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? T.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Collects the library's DriftWindowEvaluated events (event 100: monitor, rows, milliseconds).</summary>
    private sealed class EvaluationListener : EventListener
    {
        private readonly List<double> _milliseconds = [];

        public void Reset()
        {
            lock (_milliseconds)
            {
                _milliseconds.Clear();
            }
        }

        public double[] Snapshot()
        {
            lock (_milliseconds)
            {
                return [.. _milliseconds];
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId == 100 && eventData.Payload is [string monitor, _, double ms] && monitor == "drift:soak")
            {
                lock (_milliseconds)
                {
                    _milliseconds.Add(ms);
                }
            }
        }
    }
}
