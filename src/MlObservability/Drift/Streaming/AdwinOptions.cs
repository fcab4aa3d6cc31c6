namespace MlObservability.Drift.Streaming;

/// <summary>Configuration of <see cref="AdwinDetector"/>; the defaults are those of MOA and river.</summary>
public sealed class AdwinOptions
{
    /// <summary>The confidence δ: under no change, the probability that a check shrinks the window is at most δ
    /// (Bifet &amp; Gavaldà 2007, Theorem 3). Default 0.002.</summary>
    public double Delta { get; set; } = 0.002;

    /// <summary>M, the most buckets of one size before two are merged; memory and the cut points examined grow with
    /// M·log(W/M). Default 5.</summary>
    public int MaxBuckets { get; set; } = 5;

    /// <summary>How many updates between checks for a cut. Default 32.</summary>
    public int Clock { get; set; } = 32;

    /// <summary>The smallest sub-window either side of a cut. Default 5.</summary>
    public int MinWindowLength { get; set; } = 5;

    /// <summary>Updates before the first check. Default 10.</summary>
    public int GracePeriod { get; set; } = 10;

    internal void Validate()
    {
        if (!(Delta > 0 && Delta < 1))
        {
            throw new ArgumentException($"AdwinDetector: Delta must be in (0, 1); got {Delta}.");
        }

        if (MaxBuckets is < 2 or > 64)
        {
            throw new ArgumentException($"AdwinDetector: MaxBuckets must be between 2 and 64; got {MaxBuckets}.");
        }

        if (Clock is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"AdwinDetector: Clock must be between 1 and 1,000,000 updates; got {Clock}.");
        }

        if (MinWindowLength < 1 || GracePeriod < 0)
        {
            throw new ArgumentException($"AdwinDetector: MinWindowLength must be at least 1 and GracePeriod not negative; got {MinWindowLength} and {GracePeriod}.");
        }
    }
}
