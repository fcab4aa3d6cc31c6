namespace MlObservability.Slo;

/// <summary>
/// Good/total event counts in a fixed ring of time buckets, each tagged with the epoch (time / bucket width) it counts.
/// Recording is two <see cref="Interlocked"/> increments; memory is fixed whatever the traffic. A bucket whose epoch is
/// stale is claimed by a compare-and-swap of its epoch and zeroed by the winner; an increment racing that reset in the
/// same instant can be lost, which costs at most a handful of events per bucket rollover.
/// </summary>
internal sealed class TimeBucketRing
{
    private readonly long _widthTicks;
    private readonly long[] _epochs;
    private readonly long[] _good;
    private readonly long[] _total;

    public TimeBucketRing(TimeSpan bucketWidth, TimeSpan span)
    {
        _widthTicks = bucketWidth.Ticks;
        int count = checked((int)(span.Ticks / _widthTicks) + 2);
        _epochs = new long[count];
        _good = new long[count];
        _total = new long[count];
        Array.Fill(_epochs, long.MinValue);
    }

    public TimeSpan BucketWidth => TimeSpan.FromTicks(_widthTicks);

    public TimeSpan Span => TimeSpan.FromTicks(_widthTicks * (_epochs.Length - 2));

    public long AllocatedBytes => _epochs.Length * 3L * sizeof(long);

    public long EpochOf(long utcTicks) => utcTicks / _widthTicks;

    public void Record(long utcTicks, bool good) => Add(utcTicks, good ? 1 : 0, 1);

    public void Add(long utcTicks, long good, long total)
    {
        long epoch = utcTicks / _widthTicks;
        int index = (int)(epoch % _epochs.Length);
        long seen = Volatile.Read(ref _epochs[index]);
        if (seen != epoch)
        {
            if (seen > epoch)
            {
                return; // older than the ring: the event is outside every window.
            }

            if (Interlocked.CompareExchange(ref _epochs[index], epoch, seen) == seen)
            {
                Interlocked.Exchange(ref _good[index], 0);
                Interlocked.Exchange(ref _total[index], 0);
            }
        }

        if (good != 0)
        {
            Interlocked.Add(ref _good[index], good);
        }

        Interlocked.Add(ref _total[index], total);
    }

    /// <summary>Sums the buckets of the <paramref name="window"/> ending at <paramref name="utcTicks"/> (bucket-aligned:
    /// the current bucket and as many earlier ones as make up the window).</summary>
    public (long Good, long Total) Sum(long utcTicks, TimeSpan window)
    {
        long last = utcTicks / _widthTicks;
        long buckets = Math.Max(1, (window.Ticks + _widthTicks - 1) / _widthTicks);
        buckets = Math.Min(buckets, _epochs.Length - 1);
        long good = 0;
        long total = 0;
        for (long epoch = last - buckets + 1; epoch <= last; epoch++)
        {
            int index = (int)(((epoch % _epochs.Length) + _epochs.Length) % _epochs.Length);
            if (Volatile.Read(ref _epochs[index]) == epoch)
            {
                good += Volatile.Read(ref _good[index]);
                total += Volatile.Read(ref _total[index]);
            }
        }

        return (good, total);
    }

    /// <summary>The total count of the bucket of one epoch (0 when the ring no longer holds it).</summary>
    public long TotalAt(long epoch)
    {
        int index = (int)(epoch % _epochs.Length);
        return Volatile.Read(ref _epochs[index]) == epoch ? Volatile.Read(ref _total[index]) : 0;
    }
}
