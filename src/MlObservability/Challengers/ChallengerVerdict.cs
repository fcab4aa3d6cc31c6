namespace MlObservability.Challengers;

/// <summary>What the shadow comparison concludes about the challenger.</summary>
public enum ChallengerVerdict
{
    /// <summary>Too few labelled pairs, or the difference is not significant.</summary>
    Inconclusive,

    /// <summary>The challenger is significantly more accurate (McNemar p below the significance level, c &gt; b).</summary>
    Better,

    /// <summary>The challenger is significantly less accurate (McNemar p below the significance level, b &gt; c).</summary>
    Worse,
}
