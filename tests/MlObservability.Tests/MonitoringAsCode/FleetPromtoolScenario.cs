using MlObservability.Drift;
using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// Three replicas' fleet counters over four hours: healthy for the first hour, then <c>amount</c> (numeric) and
/// <c>channel</c> (categorical) shift for an hour and a half, then everything is healthy again; <c>age</c> (numeric, with tied
/// reference quantiles, so one empty bin) never shifts. Counts per minute differ between replicas; only their union has
/// the stated statistics, which <see cref="FleetDriftStatistics"/> computes from the summed counts.
/// </summary>
internal static class FleetPromtoolScenario
{
    public const string Model = "fleet-model";
    public const string Version = "v1";
    public const int Minutes = 240;
    public const int ShiftStart = 60;
    public const int ShiftEnd = 150;

    public static readonly string[] Replicas = ["replica-a:8080", "replica-b:8080", "replica-c:8080"];

    public static readonly Feature[] Features =
    [
        new("amount", Categorical: false, ReferenceRows: 5000,
            ReferenceCdf: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
            Healthy: [[5, 5, 5, 5, 5, 5, 5, 5, 5, 5], [3, 3, 4, 3, 3, 3, 3, 4, 3, 3], [2, 2, 2, 1, 2, 2, 2, 2, 3, 2]],
            Shifted: [[1, 1, 2, 2, 3, 5, 8, 10, 9, 9], [0, 1, 1, 1, 2, 3, 5, 6, 6, 7], [1, 0, 1, 1, 1, 2, 3, 3, 4, 4]]),
        new("age", Categorical: false, ReferenceRows: 4000,
            ReferenceCdf: [0.1, 0.2, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
            Healthy: [[4, 4, 0, 6, 6, 4, 4, 4, 4, 4], [3, 2, 0, 4, 5, 3, 3, 3, 2, 3], [2, 2, 0, 3, 3, 2, 2, 2, 2, 2]],
            Shifted: [[4, 5, 0, 6, 6, 4, 4, 4, 4, 4], [2, 3, 0, 4, 4, 3, 3, 3, 3, 3], [2, 2, 0, 3, 3, 2, 2, 2, 2, 2]]),
        new("channel", Categorical: true, ReferenceRows: 10000,
            ReferenceCdf: [0.5, 0.8, 1, 1],
            Healthy: [[25, 15, 10, 0], [12, 8, 5, 0], [10, 6, 4, 0]],
            Shifted: [[10, 15, 20, 5], [5, 8, 10, 2], [4, 6, 9, 1]]),
    ];

    /// <summary>Cumulative (over bins) counter value of one replica at a minute.</summary>
    public static double[] Counter(Feature f, int replica, int minute)
    {
        int healthyMinutes = Math.Min(minute, ShiftStart) + Math.Max(0, minute - ShiftEnd);
        int shiftedMinutes = Math.Clamp(minute - ShiftStart, 0, ShiftEnd - ShiftStart);
        var perBin = new double[f.ReferenceCdf.Length];
        for (var b = 0; b < perBin.Length; b++)
        {
            perBin[b] = ((double)f.Healthy[replica][b] * healthyMinutes) + ((double)f.Shifted[replica][b] * shiftedMinutes);
        }

        return Cumulative(perBin);
    }

    /// <summary>The union's cumulative counts over the window ending at <paramref name="minute"/>, as Prometheus 2.42's
    /// <c>increase</c> sees counters that start at 0 at minute 0 (no extrapolation).</summary>
    public static double[] Window(Feature f, int minute, TimeSpan window)
    {
        var start = Math.Max(0, minute - (int)window.TotalMinutes);
        var result = new double[f.ReferenceCdf.Length];
        for (var r = 0; r < Replicas.Length; r++)
        {
            var end = Counter(f, r, minute);
            var begin = Counter(f, r, start);
            for (var b = 0; b < result.Length; b++)
            {
                result[b] += end[b] - begin[b];
            }
        }

        return result;
    }

    public static FleetDriftFigures Figures(Feature f, int minute, TimeSpan window, FleetDriftDefinition d) =>
        minute < 1
            ? FleetDriftFigures.Empty
            : FleetDriftStatistics.Compute(f.ReferenceCdf, Window(f, minute, window), f.ReferenceRows, d.PsiEpsilon, d.Alpha);

    private static double[] Cumulative(double[] counts)
    {
        var result = new double[counts.Length];
        double total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            result[i] = total;
        }

        return result;
    }

    internal sealed record Feature(string Name, bool Categorical, long ReferenceRows, double[] ReferenceCdf, int[][] Healthy, int[][] Shifted);
}
