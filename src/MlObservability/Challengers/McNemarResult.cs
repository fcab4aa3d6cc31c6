namespace MlObservability.Challengers;

/// <summary>The outcome of <see cref="McNemarTest"/> on the discordant pairs of two classifiers scored on the same labelled requests.</summary>
/// <param name="ChampionOnlyCorrect">Labelled pairs the champion got right and the challenger wrong (b).</param>
/// <param name="ChallengerOnlyCorrect">Labelled pairs the challenger got right and the champion wrong (c).</param>
/// <param name="Statistic">The test statistic: min(b, c) for the exact test, (|b − c| − 1)² / (b + c) for the asymptotic one.</param>
/// <param name="PValue">The two-sided p-value; 1 when there are no discordant pairs.</param>
/// <param name="IsExact">Whether the exact binomial test was used (b + c below the configured threshold).</param>
public readonly record struct McNemarResult(long ChampionOnlyCorrect, long ChallengerOnlyCorrect, double Statistic, double PValue, bool IsExact)
{
    /// <summary>The number of discordant pairs, b + c.</summary>
    public long Discordant => ChampionOnlyCorrect + ChallengerOnlyCorrect;
}
