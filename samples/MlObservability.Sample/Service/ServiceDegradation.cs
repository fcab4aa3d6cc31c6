namespace MlObservability.Sample.Service;

/// <summary>A switch the simulation flips to make the service slower, as a noisy neighbour on the GPU would.</summary>
public sealed class ServiceDegradation
{
    private long _extraTicks;

    /// <summary>Added to every prediction.</summary>
    public TimeSpan ExtraLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _extraTicks));
        set => Interlocked.Exchange(ref _extraTicks, value.Ticks);
    }
}
