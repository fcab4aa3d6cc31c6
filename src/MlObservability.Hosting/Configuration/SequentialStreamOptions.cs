using MlObservability.Drift.Streaming;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Change detection on one label-free stream of a model, confidence or latency
/// (<c>MlMonitoring:Models:N:Streaming:Confidence</c>, <c>:Latency</c>): Page-Hinkley or CUSUM, set by the false alarms
/// you accept (<see cref="SequentialDetectorOptions.AverageRunLength"/>). The detector's settings are those of
/// <see cref="SequentialDetectorOptions"/>; this section adds whether the stream is watched and by which detector.
/// </summary>
public sealed class SequentialStreamOptions : SequentialDetectorOptions
{
    /// <summary>Whether the stream is watched. Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The detector. Default <see cref="ChangeDetectorKind.PageHinkley"/>.</summary>
    public ChangeDetectorKind Detector { get; set; } = ChangeDetectorKind.PageHinkley;

    internal IChangeDetector CreateDetector() => Detector == ChangeDetectorKind.Cusum
        ? new CusumDetector(this)
        : new PageHinkleyDetector(this);
}
