using MlObservability.Quality;

namespace MlObservability.Slo;

/// <summary>
/// Good/total event counts of the recent past in a power-of-two ring of short time buckets (one minute by default),
/// each tagged with the epoch (time / bucket width) it counts. Good and total share one 64-bit word (good in the high,
/// total in the low 32 bits), so recording an event is one <see cref="Interlocked.Add(ref long, long)"/>; memory is
/// fixed whatever the traffic. The count words are a <see cref="StripedCounters"/> set, one copy per core (at most
/// <see cref="MaxStripes"/>), so threads recording at once on different cores do not pass one word back and forth;
/// reads add the stripes up. A bucket counts at most 2^32 - 1 events (71 million a second for one-minute buckets). A
/// bucket whose epoch is stale is claimed by a compare-and-swap of its epoch and its words zeroed by the
/// winner; an increment racing that reset in the same instant can be lost, which costs at most a handful of events per
/// bucket rollover.
/// </summary>
internal sealed class FineBucketRing
{
    private const long GoodOne = 1L << 32;
    private const long TotalMask = 0xFFFF_FFFFL;
    private readonly long _widthTicks;
    private readonly long _mask;
    private readonly long[] _epochs;
    private readonly StripedCounters _counts;

    // The epoch of the latest recording: nearly every event falls in it, and a 64-bit division costs about 40 cycles
    // (tens of ns per event over a tracker's rings) where a multiplication and a compare cost a few. One word, so a
    // racing reader sees one epoch or the other, each checked against the event's time before it is used.
    private long _recentEpoch;

    public FineBucketRing(TimeSpan bucketWidth, TimeSpan span)
    {
        _widthTicks = bucketWidth.Ticks;
        long needed = (span.Ticks / _widthTicks) + 2;
        long size = 1;
        while (size < needed)
        {
            size <<= 1;
        }

        _mask = size - 1;
        _epochs = new long[size];
        _counts = new StripedCounters((int)size, MaxStripes);
        Array.Fill(_epochs, long.MinValue);
        Span = TimeSpan.FromTicks(_widthTicks * (size - 2));
    }

    /// <summary>The most stripes a ring has (one per core up to this many), which bounds its memory.</summary>
    public const int MaxStripes = 8;

    public long WidthTicks => _widthTicks;

    /// <summary>Copies of the count words, one per core (a power of two, at most <see cref="MaxStripes"/>).</summary>
    public int StripeCount => _counts.StripeCount;

    /// <summary>The longest window the ring can answer for (at least the span asked for).</summary>
    public TimeSpan Span { get; }

    public long AllocatedBytes => (_epochs.Length * sizeof(long)) + _counts.AllocatedBytes;

    public long EpochOf(long utcTicks) => utcTicks / _widthTicks;

    public void Record(long utcTicks, bool good) => Record(utcTicks, good, Thread.GetCurrentProcessorId());

    /// <summary>Counts one event in the stripe of <paramref name="processorId"/> (any non-negative number; a caller
    /// that records into several rings reads <see cref="Thread.GetCurrentProcessorId"/> once for all of them).</summary>
    public void Record(long utcTicks, bool good, int processorId)
    {
        long epoch = Volatile.Read(ref _recentEpoch);
        if ((ulong)(utcTicks - (epoch * _widthTicks)) >= (ulong)_widthTicks)
        {
            epoch = utcTicks / _widthTicks;
            Volatile.Write(ref _recentEpoch, epoch);
        }

        int index = (int)(epoch & _mask);
        long seen = Volatile.Read(ref _epochs[index]);
        if (seen != epoch && !Claim(index, seen, epoch))
        {
            return;
        }

        _counts.Add(index, good ? GoodOne + 1 : 1, processorId);
    }

    /// <summary>The counts of one epoch's bucket; zero when the ring no longer (or not yet) holds it.</summary>
    public (long Good, long Total) At(long epoch)
    {
        int index = (int)(epoch & _mask);
        if (Volatile.Read(ref _epochs[index]) != epoch)
        {
            return (0, 0);
        }

        long packed = _counts.Read(index);
        return ((long)((ulong)packed >> 32), packed & TotalMask);
    }

    /// <summary>Sums the current bucket and as many earlier ones as make up <paramref name="window"/>.</summary>
    public (long Good, long Total) Sum(long utcTicks, TimeSpan window)
    {
        long last = utcTicks / _widthTicks;
        long buckets = Math.Clamp((window.Ticks + _widthTicks - 1) / _widthTicks, 1, _mask);
        long good = 0;
        long total = 0;
        for (long epoch = last - buckets + 1; epoch <= last; epoch++)
        {
            var (g, t) = At(epoch);
            good += g;
            total += t;
        }

        return (good, total);
    }

    private bool Claim(int index, long seen, long epoch)
    {
        if (seen > epoch)
        {
            return false; // older than the ring holds: outside every window.
        }

        if (Interlocked.CompareExchange(ref _epochs[index], epoch, seen) == seen)
        {
            _counts.Reset(index);
        }

        return true;
    }
}
