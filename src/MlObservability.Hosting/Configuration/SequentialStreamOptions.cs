using MlObservability.Drift.Streaming;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Change detection on one label-free stream of a model, confidence or latency
/// (<c>MlMonitoring:Models:N:Streaming:Confidence</c>, <c>:Latency</c>): Page-Hinkley or CUSUM, set by the false alarms
/// you accept (<see cref="AverageRunLength"/>).
/// </summary>
public sealed class SequentialStreamOptions
{
    /// <summary>Whether the stream is watched. Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The detector. Default <see cref="ChangeDetectorKind.PageHinkley"/>.</summary>
    public ChangeDetectorKind Detector { get; set; } = ChangeDetectorKind.PageHinkley;

    /// <summary>Mean observations between false alarms when nothing changes (ARL₀). Default 10,000.</summary>
    public double AverageRunLength { get; set; } = 10_000;

    /// <summary>The decision threshold h in standard deviations, instead of <see cref="AverageRunLength"/>.</summary>
    public double? Threshold { get; set; }

    /// <summary>The smallest shift of the mean worth detecting, in standard deviations. Default 1.</summary>
    public double ShiftToDetect { get; set; } = 1.0;

    /// <summary>The in-control mean; estimated during the warm-up when not set.</summary>
    public double? Mean { get; set; }

    /// <summary>The in-control standard deviation; estimated during the warm-up when not set.</summary>
    public double? StandardDeviation { get; set; }

    /// <summary>Values that estimate what is not given, during which no change is signalled. Default 100.</summary>
    public int WarmupCount { get; set; } = 100;

    /// <summary>Which changes to look for. Default <see cref="ChangeDirection.Both"/>.</summary>
    public ChangeDirection Direction { get; set; } = ChangeDirection.Both;

    internal SequentialDetectorOptions ToDetectorOptions() => new()
    {
        AverageRunLength = AverageRunLength,
        Threshold = Threshold,
        ShiftToDetect = ShiftToDetect,
        Mean = Mean,
        StandardDeviation = StandardDeviation,
        WarmupCount = WarmupCount,
        Direction = Direction,
    };

    internal IChangeDetector CreateDetector() => Detector == ChangeDetectorKind.Cusum
        ? new CusumDetector(ToDetectorOptions())
        : new PageHinkleyDetector(ToDetectorOptions());
}
