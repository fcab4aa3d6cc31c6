namespace MlObservability.Challengers;

/// <summary>Settings of a <see cref="ChallengerShadow{TInput}"/>; bindable from configuration, checked by <see cref="Validate"/>.</summary>
public sealed class ShadowOptions
{
    /// <summary>The share of requests the challenger also scores, in [0, 1]. Default 0.05.</summary>
    public double Share { get; set; } = 0.05;

    /// <summary>How requests are chosen. Default <see cref="ShadowSampling.DeterministicByRequestId"/>.</summary>
    public ShadowSampling Sampling { get; set; } = ShadowSampling.DeterministicByRequestId;

    /// <summary>Shadowed requests waiting for the background worker; past it requests are counted as dropped
    /// (<see cref="ShadowDropReason.QueueFull"/>) and served unshadowed. Default 1024.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Scored pairs waiting for their label; past it new pairs are dropped and counted. Default 100,000.</summary>
    public int PendingCapacity { get; set; } = 100_000;

    /// <summary>How long a scored pair waits for its label. Default one day.</summary>
    public TimeSpan PendingTimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The significance level of McNemar's test for a <see cref="ChallengerVerdict"/>. Default 0.05.</summary>
    public double SignificanceLevel { get; set; } = 0.05;

    /// <summary>Labelled pairs needed before any verdict other than inconclusive. Default 200.</summary>
    public int MinimumLabelledPairs { get; set; } = 200;

    /// <summary>Discordant pairs from which McNemar's asymptotic test replaces the exact one. Default 25.</summary>
    public int ExactBelow { get; set; } = McNemarTest.DefaultExactBelow;

    /// <summary>How long the background worker sleeps when the queue is empty. Default 5 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and the valid range.</exception>
    public void Validate()
    {
        Check(Share is >= 0 and <= 1, nameof(Share), "must be in [0, 1] (0.05 shadows 5% of requests)", Share);
        Check(Enum.IsDefined(Sampling), nameof(Sampling), "must be DeterministicByRequestId or Random", Sampling);
        Check(QueueCapacity is >= 2 and <= 1 << 20, nameof(QueueCapacity), "must be in [2, 1048576]", QueueCapacity);
        Check(PendingCapacity >= 1, nameof(PendingCapacity), "must be at least 1", PendingCapacity);
        Check(PendingTimeToLive > TimeSpan.Zero, nameof(PendingTimeToLive), "must be positive", PendingTimeToLive);
        Check(SignificanceLevel is > 0 and < 1, nameof(SignificanceLevel), "must be in (0, 1), for example 0.05", SignificanceLevel);
        Check(MinimumLabelledPairs >= 1, nameof(MinimumLabelledPairs), "must be at least 1", MinimumLabelledPairs);
        Check(ExactBelow >= 0, nameof(ExactBelow), "must not be negative", ExactBelow);
        Check(PollInterval > TimeSpan.Zero && PollInterval <= TimeSpan.FromSeconds(10), nameof(PollInterval), "must be in (0, 10 s]", PollInterval);
    }

    private static void Check(bool valid, string name, string rule, object value)
    {
        if (!valid)
        {
            throw new ArgumentException($"Shadow setting {name} {rule}; it is {value}.", name);
        }
    }
}
