using System.Diagnostics.Tracing;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// Where the bytes of a fully monitored inference go, on every thread: runs <see cref="FullyMonitoredFixture"/> for a
/// number of inferences and lists the runtime's allocation samples (one per about 100 KB allocated) by type.
/// <c>dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- allocations [--calls 2000000] [--threads 1]</c>
/// (the calls are split evenly across the threads, which share one model).
/// </summary>
internal static class AllocationSources
{
    public static int Run(string[] args)
    {
        var calls = Option(args, "--calls", 2_000_000);
        var threads = Option(args, "--threads", 1);
        using var fixture = new FullyMonitoredFixture("alloc-sources", 32);
        RunOn(threads, 200_000 / threads, fixture);

        var asked = new EventCensus();
        fixture.Model.AddComponent(asked);
        using var listener = new AllocationTickListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        RunOn(threads, calls / threads, fixture);

        Thread.Sleep(500);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"{calls:N0} inferences on {threads} thread(s): {bytes:N0} B on all threads, {(double)bytes / calls:F1} B per inference");
        if (fixture.Model.Drift is { } drift)
        {
            // Findings build events (and allocate); a healthy window builds none. Say which the run produced.
            var findings = drift.LatestResults.Where(r => r.Severity != MlObservability.Severity.None).ToList();
            Console.WriteLine($"latest drift results: {drift.LatestResults.Count}, with a finding: {findings.Count}"
                + string.Concat(findings.Take(5).Select(f => $"; {f.Feature} {f.Method} {f.Score:G3} {f.Severity}")));
        }

        foreach (var ((kind, severity), count) in asked.Asked.Where(p => p.Key.Severity != MlObservability.Severity.None).OrderByDescending(p => p.Value).Take(10))
        {
            Console.WriteLine($"events offered: {count,8:N0}  {kind} {severity}");
        }

        foreach (var (type, kb) in listener.ByType.OrderByDescending(p => p.Value).Take(25))
        {
            Console.WriteLine($"{kb,10:N0} KB  {type}");
        }

        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    private static void RunOn(int threads, int callsPerThread, FullyMonitoredFixture fixture)
    {
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (int i = t * 509, end = i + callsPerThread; i < end; i++)
            {
                fixture.Infer(i & (FullyMonitoredFixture.Calls - 1));
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }

    /// <summary>Counts the events the monitors offer, by kind and severity, and accepts none (so it adds no bytes).</summary>
    private sealed class EventCensus : MlObservability.IMonitoringEventSink
    {
        public System.Collections.Concurrent.ConcurrentDictionary<(string Kind, MlObservability.Severity Severity), long> Asked { get; } = new();

        public void Publish(MlObservability.MonitoringEvent monitoringEvent)
        {
        }

        public bool Accepts(string kind, string modelName, MlObservability.Severity severity)
        {
            if (severity != MlObservability.Severity.None)
            {
                Asked.AddOrUpdate((kind, severity), 1, (_, n) => n + 1);
            }

            return false;
        }
    }

    private sealed class AllocationTickListener : EventListener
    {
        public Dictionary<string, long> ByType { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null)
            {
                return;
            }

            var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount")], System.Globalization.CultureInfo.InvariantCulture);
            lock (ByType)
            {
                ByType[type] = ByType.GetValueOrDefault(type) + (amount / 1024);
            }
        }
    }
}
