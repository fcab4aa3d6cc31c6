namespace MlObservability.Drift.Streaming;

/// <summary>
/// Configuration shared by <see cref="PageHinkleyDetector"/> and <see cref="CusumDetector"/>. Values are standardised
/// with the in-control mean and standard deviation (given, or estimated from the first <see cref="WarmupCount"/>
/// values), so the threshold is set by the false-alarm behaviour the user accepts: <see cref="AverageRunLength"/>
/// (one false alarm per that many observations under no change, on average), or an explicit <see cref="Threshold"/>.
/// </summary>
/// <remarks>
/// Not sealed so that configuration sections that add a switch and a detector choice (the hosting package's
/// <c>Streaming:Confidence</c> and <c>:Latency</c>) take the same settings and checks rather than repeat them.
/// </remarks>
public class SequentialDetectorOptions
{
    /// <summary>The in-control average run length: the mean number of observations between false alarms when nothing
    /// changes. Default 10,000. Ignored when <see cref="Threshold"/> is set.</summary>
    public double AverageRunLength { get; set; } = 10_000;

    /// <summary>The decision threshold h in standard deviations, instead of deriving it from
    /// <see cref="AverageRunLength"/>.</summary>
    public double? Threshold { get; set; }

    /// <summary>The smallest shift of the mean worth detecting, in standard deviations; the reference value (CUSUM's k,
    /// Page-Hinkley's δ) is half of it. Default 1.</summary>
    public double ShiftToDetect { get; set; } = 1.0;

    /// <summary>The in-control mean, when known (for example from the reference profile). Estimated during the warm-up
    /// when <see langword="null"/>.</summary>
    public double? Mean { get; set; }

    /// <summary>The in-control standard deviation, when known. Estimated during the warm-up when <see langword="null"/>.</summary>
    public double? StandardDeviation { get; set; }

    /// <summary>Observations used to estimate the mean and standard deviation that are not given, during which no change
    /// is signalled. Default 100. Estimation error shortens the real run length (see docs/drift.md for measurements).</summary>
    public int WarmupCount { get; set; } = 100;

    /// <summary>Which changes to look for. Default <see cref="ChangeDirection.Both"/>.</summary>
    public ChangeDirection Direction { get; set; } = ChangeDirection.Both;

    /// <summary>The reference value in standard deviations (half the shift to detect).</summary>
    internal double ReferenceValue => ShiftToDetect / 2;

    /// <summary>The threshold in standard deviations.</summary>
    internal double ResolveThreshold() =>
        Threshold ?? Streaming.AverageRunLength.Threshold(ReferenceValue, AverageRunLength, Direction == ChangeDirection.Both);

    internal void Validate(string detector)
    {
        foreach (var (setting, problem) in Problems())
        {
            throw new ArgumentException($"{detector}: {setting} {problem}");
        }
    }

    /// <summary>What is wrong with these settings, each as the setting's name and what to fix; empty when valid.</summary>
    internal IEnumerable<(string Setting, string Problem)> Problems()
    {
        if (Threshold is { } h && !(h > 0 && double.IsFinite(h)))
        {
            yield return (nameof(Threshold), Format($"must be a positive number of standard deviations; got {h}."));
        }

        if (Threshold is null && !(AverageRunLength >= 10 && AverageRunLength <= 1e12))
        {
            yield return (nameof(AverageRunLength), Format($"must be between 10 and 1e12 observations (the mean number of values between false alarms); got {AverageRunLength}."));
        }

        if (!(ShiftToDetect > 0 && ShiftToDetect <= 100))
        {
            yield return (nameof(ShiftToDetect), Format($"must be in (0, 100] standard deviations; got {ShiftToDetect}."));
        }

        if (StandardDeviation is { } sd && !(sd > 0 && double.IsFinite(sd)))
        {
            yield return (nameof(StandardDeviation), Format($"must be positive and finite; got {sd}."));
        }

        if (Mean is { } m && !double.IsFinite(m))
        {
            yield return (nameof(Mean), Format($"must be finite; got {m}."));
        }

        if ((Mean is null || StandardDeviation is null) && WarmupCount < 2)
        {
            yield return (nameof(WarmupCount), $"must be at least 2 when Mean or StandardDeviation is not given; got {WarmupCount}.");
        }

        if (!Enum.IsDefined(Direction))
        {
            yield return (nameof(Direction), $"must be Increase, Decrease or Both; got {Direction}.");
        }
    }

    private static string Format(FormattableString message) => message.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
