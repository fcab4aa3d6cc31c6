namespace MlObservability.Challengers;

/// <summary>The counters and latest report of one challenger in shadow, read by <see cref="ChallengerInstruments"/>.</summary>
internal sealed class ShadowCounters
{
    private readonly long[] _dropped = new long[Enum.GetValues<ShadowDropReason>().Length];
    private long _scored;
    private long _disagreements;
    private long _bothCorrect;
    private long _bothWrong;
    private long _championOnly;
    private long _challengerOnly;
    private long _unpairedLabels;
    private ChallengerComparisonReport _report = ChallengerComparisonReport.Empty;

    public ShadowCounters(string modelName, string championVersion, string challengerVersion)
    {
        ModelName = modelName;
        ChampionVersion = championVersion;
        ChallengerVersion = challengerVersion;
        Tags =
        [
            new(SemanticConventions.ModelName, modelName),
            new(SemanticConventions.ModelVersion, championVersion),
            new(ChallengerInstruments.ChallengerVersionTag, challengerVersion),
        ];
    }

    public string ModelName { get; }

    public string ChampionVersion { get; }

    public string ChallengerVersion { get; }

    public KeyValuePair<string, object?>[] Tags { get; }

    public long Scored => Interlocked.Read(ref _scored);

    public long Disagreements => Interlocked.Read(ref _disagreements);

    public long UnpairedLabels => Interlocked.Read(ref _unpairedLabels);

    public ChallengerComparisonReport Report
    {
        get => Volatile.Read(ref _report);
        set => Volatile.Write(ref _report, value);
    }

    public long Dropped(ShadowDropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    public void Drop(ShadowDropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    public void Scoring(bool disagree)
    {
        Interlocked.Increment(ref _scored);
        if (disagree)
        {
            Interlocked.Increment(ref _disagreements);
        }
    }

    public void Pair(bool championCorrect, bool challengerCorrect)
    {
        ref long counter = ref championCorrect
            ? ref (challengerCorrect ? ref _bothCorrect : ref _championOnly)
            : ref (challengerCorrect ? ref _challengerOnly : ref _bothWrong);
        Interlocked.Increment(ref counter);
    }

    public void UnpairedLabel() => Interlocked.Increment(ref _unpairedLabels);

    public (long BothCorrect, long ChampionOnly, long ChallengerOnly, long BothWrong) Pairs() =>
        (Interlocked.Read(ref _bothCorrect), Interlocked.Read(ref _championOnly), Interlocked.Read(ref _challengerOnly), Interlocked.Read(ref _bothWrong));
}
