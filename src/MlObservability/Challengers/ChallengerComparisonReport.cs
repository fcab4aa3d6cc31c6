namespace MlObservability.Challengers;

/// <summary>The shadow comparison of a challenger with the champion at one evaluation.</summary>
public sealed record ChallengerComparisonReport
{
    /// <summary>An empty report (nothing scored yet).</summary>
    public static ChallengerComparisonReport Empty { get; } = new();

    /// <summary>When the report was made.</summary>
    public DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Requests the challenger scored.</summary>
    public long Scored { get; init; }

    /// <summary>Scored requests where the two versions predicted different classes (label-free).</summary>
    public long Disagreements { get; init; }

    /// <summary><see cref="Disagreements"/> / <see cref="Scored"/>; NaN before the first scored request.</summary>
    public double DisagreementRate => Scored == 0 ? double.NaN : (double)Disagreements / Scored;

    /// <summary>Labelled pairs both versions got right.</summary>
    public long BothCorrect { get; init; }

    /// <summary>Labelled pairs both versions got wrong.</summary>
    public long BothWrong { get; init; }

    /// <summary>Labelled pairs, both versions scored on the same request and label.</summary>
    public long LabelledPairs => BothCorrect + BothWrong + McNemar.Discordant;

    /// <summary>The champion's accuracy on the labelled pairs; NaN without pairs.</summary>
    public double ChampionAccuracy => LabelledPairs == 0 ? double.NaN : (double)(BothCorrect + McNemar.ChampionOnlyCorrect) / LabelledPairs;

    /// <summary>The challenger's accuracy on the labelled pairs; NaN without pairs.</summary>
    public double ChallengerAccuracy => LabelledPairs == 0 ? double.NaN : (double)(BothCorrect + McNemar.ChallengerOnlyCorrect) / LabelledPairs;

    /// <summary>Challenger minus champion accuracy on the labelled pairs; NaN without pairs.</summary>
    public double AccuracyDifference => ChallengerAccuracy - ChampionAccuracy;

    /// <summary>McNemar's test on the labelled pairs.</summary>
    public McNemarResult McNemar { get; init; } = new(0, 0, 0, 1, true);

    /// <summary>What the comparison concludes.</summary>
    public ChallengerVerdict Verdict { get; init; }

    /// <summary>Champion latency (seconds) on the shadowed requests at the 0.5, 0.95 and 0.99 quantiles; NaN when none.</summary>
    public IReadOnlyList<double> ChampionLatency { get; init; } = [double.NaN, double.NaN, double.NaN];

    /// <summary>Challenger latency (seconds) at the 0.5, 0.95 and 0.99 quantiles; NaN when none.</summary>
    public IReadOnlyList<double> ChallengerLatency { get; init; } = [double.NaN, double.NaN, double.NaN];
}
