using MlObservability.Diagnostics;

namespace MlObservability.Histograms;

/// <summary>
/// Range, accuracy and storage settings of a <see cref="LogHistogram"/>. Validated when the histogram is built,
/// with a message that says what to fix.
/// </summary>
public sealed record LogHistogramOptions
{
    /// <summary>Smallest relative accuracy accepted (finer would need more than 1,024 buckets per power of two).</summary>
    public const double FinestRelativeAccuracy = 0.0005;

    /// <summary>Coarsest relative accuracy accepted.</summary>
    public const double CoarsestRelativeAccuracy = 0.25;

    /// <summary>
    /// Largest relative error allowed on a reported quantile, for values inside [<see cref="MinValue"/>, <see cref="MaxValue"/>].
    /// Default 0.01 (1 %). The histogram may guarantee better: see <see cref="LogHistogram.RelativeAccuracy"/>.
    /// </summary>
    public double RelativeAccuracy { get; init; } = 0.01;

    /// <summary>
    /// Smallest magnitude tracked with the relative-error guarantee. Smaller magnitudes (zero and subnormals included)
    /// are counted in the zero bucket. Default 1e-9 (one nanosecond, in seconds).
    /// </summary>
    public double MinValue { get; init; } = 1e-9;

    /// <summary>
    /// Largest magnitude tracked with the relative-error guarantee. Larger values are counted in an overflow bucket and
    /// quantiles that fall there report the exact maximum. Default 86,400 (one day, in seconds).
    /// </summary>
    public double MaxValue { get; init; } = 86_400;

    /// <summary>
    /// When <see langword="false"/> (the default), negative values are counted as invalid and dropped, which suits latencies
    /// and probabilities. When <see langword="true"/>, negatives are recorded in mirrored buckets with the same guarantee,
    /// which suits feature values and regression outputs; the storage doubles.
    /// </summary>
    public bool AllowNegativeValues { get; init; }

    /// <summary>
    /// Number of single-writer stripes (a power of two, 1 to 64). A thread owns stripe <c>ManagedThreadId mod Stripes</c>
    /// when it is the first to write there and then records with plain stores; threads whose stripe another thread owns
    /// share one extra stripe with atomic updates. Each stripe holds two halves of the whole bucket range (see
    /// <see cref="LogHistogram.AllocatedBytes"/>). 0 (the default) picks the processor count rounded up to a power of two, at most 16.
    /// </summary>
    public int Stripes { get; init; }

    /// <summary>Defaults for latencies in seconds: 1 ns to 1 day at 1 % relative accuracy.</summary>
    public static LogHistogramOptions Latency { get; } = new();

    /// <summary>Defaults for probabilities and confidences: 1e-6 to 1 at 1 % relative accuracy.</summary>
    public static LogHistogramOptions Probability { get; } = new() { MinValue = 1e-6, MaxValue = 1.0 };

    internal void Validate()
    {
        Guard.InRange(RelativeAccuracy, FinestRelativeAccuracy, CoarsestRelativeAccuracy, nameof(RelativeAccuracy));
        if (!double.IsNormal(MinValue) || MinValue <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinValue), MinValue, $"{nameof(MinValue)} must be a positive normal number (for example 1e-9); got {MinValue}.");
        }

        if (!double.IsFinite(MaxValue) || MaxValue <= MinValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxValue), MaxValue, $"{nameof(MaxValue)} must be finite and greater than {nameof(MinValue)} ({MinValue}); got {MaxValue}.");
        }

        if (Stripes != 0 && (Stripes < 1 || Stripes > 64 || (Stripes & (Stripes - 1)) != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Stripes), Stripes, $"{nameof(Stripes)} must be 0 (automatic) or a power of two from 1 to 64; got {Stripes}.");
        }
    }

    internal int ResolveStripes()
    {
        if (Stripes != 0)
        {
            return Stripes;
        }

        int cores = Math.Clamp(Environment.ProcessorCount, 1, 16);
        int stripes = 1;
        while (stripes < cores)
        {
            stripes <<= 1;
        }

        return stripes;
    }
}
