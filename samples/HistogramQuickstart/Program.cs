using System.Diagnostics;
using System.Globalization;
using MlObservability.Histograms;

// A first look at the lock-free histogram: several "inference threads" record realistic latencies
// (a lognormal body around 20 ms with a slow tail), and the main thread prints quantiles once a second.
int seconds = args.Length > 1 && args[0] == "--seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
int threads = Math.Max(2, Environment.ProcessorCount);
var histogram = new LogHistogram(LogHistogramOptions.Latency);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));

Console.WriteLine($"Recording inference latencies from {threads} threads for {seconds} s into a LogHistogram " +
                  $"(relative accuracy {histogram.RelativeAccuracy:P2}, {histogram.AllocatedBytes / 1024} KiB, {histogram.StripeCount} stripes).");
Console.WriteLine($"{"time",5} {"count",12} {"p50",9} {"p90",9} {"p95",9} {"p99",9} {"p99.9",9}");

var workers = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
{
    var random = new Random(1000 + t);
    while (!stop.IsCancellationRequested)
    {
        for (int i = 0; i < 1000; i++)
        {
            histogram.Record(SimulatedLatency(random));
        }
    }
})).ToArray();

var clock = Stopwatch.StartNew();
while (!stop.IsCancellationRequested)
{
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    Print($"{clock.Elapsed.TotalSeconds,4:F0}s", histogram.Snapshot());
}

await Task.WhenAll(workers);
var final = histogram.Snapshot();
Console.WriteLine();
Console.WriteLine("Summary");
Print("total", final);
Console.WriteLine($"  mean {Ms(final.Mean)}  min {Ms(final.Min)}  max {Ms(final.Max)}  invalid {final.InvalidCount}  " +
                  $"throughput {final.Count / clock.Elapsed.TotalSeconds / 1e6:F1} M records/s");
return 0;

static double SimulatedLatency(Random random)
{
    double u1 = 1.0 - random.NextDouble();
    double u2 = random.NextDouble();
    double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    double latency = 0.020 * Math.Exp(0.35 * normal);          // body: median 20 ms
    return random.NextDouble() < 0.01 ? latency * 15 : latency; // 1 % slow requests (GC pause, cold cache)
}

static void Print(string label, HistogramSnapshot s) =>
    Console.WriteLine($"{label,5} {s.Count,12:N0} {Ms(s.GetQuantile(0.5))} {Ms(s.GetQuantile(0.9))} {Ms(s.GetQuantile(0.95))} {Ms(s.GetQuantile(0.99))} {Ms(s.GetQuantile(0.999))}");

static string Ms(double seconds) => $"{seconds * 1000,7:F2}ms";
