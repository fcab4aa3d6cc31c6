namespace MlObservability.Routing;

/// <summary>The decision counts and active version of one router, read by <see cref="RouterInstruments"/>.</summary>
internal sealed class RouterCounters(string modelName)
{
    private static readonly int Outcomes = Enum.GetValues<RouterActionOutcome>().Length;
    private readonly long[] _counts = new long[Enum.GetValues<RouterAction>().Length * Outcomes];
    private string _active = string.Empty;

    public string ModelName { get; } = modelName;

    public string ActiveVersion
    {
        get => Volatile.Read(ref _active);
        set => Volatile.Write(ref _active, value);
    }

    public void Count(RouterAction action, RouterActionOutcome outcome) => Interlocked.Increment(ref _counts[((int)action * Outcomes) + (int)outcome]);

    public long Read(RouterAction action, RouterActionOutcome outcome) => Interlocked.Read(ref _counts[((int)action * Outcomes) + (int)outcome]);
}
