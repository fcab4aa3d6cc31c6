using MlObservability.MonitoringAsCode;
using MlObservability.Quality;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// Three replicas' fleet quality counters over four hours: a binary model (classes <c>no</c>, <c>yes</c>) that is
/// accurate for the first hour, degrades for an hour and a half (more confusion, scores less separated, worse
/// calibration, larger regression errors), then recovers. Counts per minute differ between replicas; only their union
/// has the stated statistics, which <see cref="FleetQualityStatistics"/> computes from the summed counts. The regression
/// counters ride on the same model: the rules compute every figure per model version, whatever kinds it has.
/// </summary>
internal static class FleetQualityPromtoolScenario
{
    public const int Minutes = FleetPromtoolScenario.Minutes;
    public const int DegradeStart = 60;
    public const int DegradeEnd = 150;
    public static readonly string[] Classes = ["no", "yes"];

    /// <summary>Per replica, per minute: the 2×2 confusion [true, predicted].</summary>
    public static readonly int[][,] HealthyConfusion = [new[,] { { 8, 2 }, { 1, 9 } }, new[,] { { 5, 1 }, { 1, 6 } }, new[,] { { 3, 1 }, { 0, 4 } }];

    public static readonly int[][,] DegradedConfusion = [new[,] { { 4, 6 }, { 5, 5 } }, new[,] { { 2, 4 }, { 3, 3 } }, new[,] { { 2, 2 }, { 2, 1 } }];

    /// <summary>Per replica, per minute: (bin, negatives, positives) of P(class 1).</summary>
    public static readonly (int Bin, int Negative, int Positive)[][] HealthyScores =
        [[(2, 3, 0), (5, 4, 1), (9, 2, 1), (12, 1, 2), (16, 0, 4), (19, 0, 2)], [(1, 2, 0), (6, 2, 1), (13, 1, 3), (18, 1, 3)], [(4, 2, 0), (10, 1, 1), (15, 1, 3)]];

    public static readonly (int Bin, int Negative, int Positive)[][] DegradedScores =
        [[(5, 3, 2), (9, 3, 3), (10, 2, 3), (14, 2, 2)], [(8, 2, 2), (11, 2, 2), (12, 2, 2)], [(9, 1, 1), (10, 2, 2), (11, 1, 0)]];

    /// <summary>Per replica, per minute: (bin, count, correct, confidence sum) of the calibration counters.</summary>
    public static readonly (int Bin, int Count, int Correct, double Confidence)[][] HealthyCalibration =
        [[(6, 4, 3, 2.6), (8, 8, 6, 6.8), (9, 8, 8, 7.6)], [(7, 5, 4, 3.75), (9, 8, 7, 7.6)], [(5, 2, 1, 1.1), (8, 6, 6, 5.1)]];

    public static readonly (int Bin, int Count, int Correct, double Confidence)[][] DegradedCalibration =
        [[(6, 4, 2, 2.6), (8, 8, 3, 6.8), (9, 8, 4, 7.6)], [(7, 6, 3, 4.5), (9, 6, 2, 5.7)], [(5, 3, 2, 1.65), (8, 4, 1, 3.4)]];

    /// <summary>Per replica, per minute: regression (count, Σ|e|, Σe², Σ|e|/|y|).</summary>
    public static readonly double[][] HealthyRegression = [[10, 25.5, 80.25, 1.5], [6, 12, 30, 0.75], [4, 9, 24.5, 0.5]];

    public static readonly double[][] DegradedRegression = [[10, 60, 420, 3.5], [6, 42, 330, 2.25], [4, 30, 260, 1.5]];

    /// <summary>One replica's counters per minute of a phase, flattened: labels (no, yes), predicted (no, yes), correct
    /// (no, yes), score negative bins, score positive bins, calibration count / correct / confidence bins, regression.</summary>
    public static double[] Rates(int replica, bool degraded)
    {
        var confusion = (degraded ? DegradedConfusion : HealthyConfusion)[replica];
        var r = new double[Layout.Length];
        for (int t = 0; t < 2; t++)
        {
            for (int p = 0; p < 2; p++)
            {
                r[Layout.Labels + t] += confusion[t, p];
                r[Layout.Predicted + p] += confusion[t, p];
                r[Layout.Correct + t] += t == p ? confusion[t, p] : 0;
            }
        }

        foreach (var (bin, negative, positive) in (degraded ? DegradedScores : HealthyScores)[replica])
        {
            r[Layout.Negative + bin] += negative;
            r[Layout.Positive + bin] += positive;
        }

        foreach (var (bin, count, correct, confidence) in (degraded ? DegradedCalibration : HealthyCalibration)[replica])
        {
            r[Layout.CalibrationCount + bin] += count;
            r[Layout.CalibrationCorrect + bin] += correct;
            r[Layout.CalibrationConfidence + bin] += confidence;
        }

        var regression = (degraded ? DegradedRegression : HealthyRegression)[replica];
        regression.CopyTo(r, Layout.Regression);
        return r;
    }

    /// <summary>One replica's counter values at a minute (counters start at 0 at minute 0).</summary>
    public static double[] Counter(int replica, int minute)
    {
        int healthy = Math.Min(minute, DegradeStart) + Math.Max(0, minute - DegradeEnd);
        int degraded = Math.Clamp(minute - DegradeStart, 0, DegradeEnd - DegradeStart);
        var h = Rates(replica, false);
        var d = Rates(replica, true);
        return [.. h.Select((v, i) => (v * healthy) + (d[i] * degraded))];
    }

    /// <summary>The union's counts over the window ending at a minute, as <c>increase</c> sees them.</summary>
    public static double[] Window(int minute, TimeSpan window)
    {
        int start = Math.Max(0, minute - (int)window.TotalMinutes);
        var result = new double[Layout.Length];
        for (int r = 0; r < FleetPromtoolScenario.Replicas.Length; r++)
        {
            var end = Counter(r, minute);
            var begin = Counter(r, start);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] += end[i] - begin[i];
            }
        }

        return result;
    }

    /// <summary>The library's figures over the union's window.</summary>
    public static FleetQualityFigures Figures(int minute, TimeSpan window)
    {
        var w = Window(minute, window);
        double[] Part(int offset, int length) => w[offset..(offset + length)];
        double[] labels = Part(Layout.Labels, 2), predicted = Part(Layout.Predicted, 2), correct = Part(Layout.Correct, 2);
        var classes = FleetQualityStatistics.Classes(labels, predicted, correct);
        double n = w[Layout.Regression];
        return new FleetQualityFigures(
            labels.Sum(),
            FleetQualityStatistics.Accuracy(correct, labels),
            classes,
            classes.Count == 0 ? double.NaN : classes.Average(c => c.F1),
            FleetQualityStatistics.RocAuc(Part(Layout.Negative, FleetQualityCounters.ScoreBins), Part(Layout.Positive, FleetQualityCounters.ScoreBins)),
            double.NaN,
            FleetQualityStatistics.ExpectedCalibrationError(
                Part(Layout.CalibrationCount, FleetQualityCounters.CalibrationBins), Part(Layout.CalibrationCorrect, FleetQualityCounters.CalibrationBins), Part(Layout.CalibrationConfidence, FleetQualityCounters.CalibrationBins)),
            n,
            n > 0 ? w[Layout.Regression + 1] / n : double.NaN,
            n > 0 ? Math.Sqrt(w[Layout.Regression + 2] / n) : double.NaN,
            n > 0 ? w[Layout.Regression + 3] / n : double.NaN);
    }

    /// <summary>Offsets in <see cref="Rates"/>.</summary>
    internal static class Layout
    {
        public const int Labels = 0;
        public const int Predicted = 2;
        public const int Correct = 4;
        public const int Negative = 6;
        public const int Positive = Negative + FleetQualityCounters.ScoreBins;
        public const int CalibrationCount = Positive + FleetQualityCounters.ScoreBins;
        public const int CalibrationCorrect = CalibrationCount + FleetQualityCounters.CalibrationBins;
        public const int CalibrationConfidence = CalibrationCorrect + FleetQualityCounters.CalibrationBins;
        public const int Regression = CalibrationConfidence + FleetQualityCounters.CalibrationBins;
        public const int Length = Regression + 4;
    }
}
