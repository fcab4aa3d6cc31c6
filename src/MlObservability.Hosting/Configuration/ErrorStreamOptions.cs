using MlObservability.Drift.Streaming;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// ADWIN on the error indicator of a classifier (<c>MlMonitoring:Models:N:Streaming:Errors</c>): 1 for a wrong and 0 for
/// a right prediction, recorded as each ground-truth label joins its prediction in the quality monitor.
/// </summary>
public sealed class ErrorStreamOptions
{
    /// <summary>Whether the stream is watched (needs the quality monitor). Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>ADWIN's confidence δ: under no change a check cuts the window with probability at most δ. Default 0.002.</summary>
    public double Delta { get; set; } = 0.002;

    /// <summary>Most buckets of one size before two merge. Default 5.</summary>
    public int MaxBuckets { get; set; } = 5;

    /// <summary>Updates between checks for a cut. Default 32.</summary>
    public int Clock { get; set; } = 32;

    internal AdwinOptions ToDetectorOptions() => new() { Delta = Delta, MaxBuckets = MaxBuckets, Clock = Clock };
}
