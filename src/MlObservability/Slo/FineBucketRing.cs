namespace MlObservability.Slo;

/// <summary>
/// Good/total event counts of the recent past in a power-of-two ring of short time buckets (one minute by default),
/// each tagged with the epoch (time / bucket width) it counts. Good and total share one 64-bit word (good in the high,
/// total in the low 32 bits), so recording an event is one <see cref="Interlocked.Add(ref long, long)"/>; memory is
/// fixed whatever the traffic. The count words are striped per core (<see cref="StripeCount"/> copies of the ring's
/// words, a cache line apart), so threads recording at once on different cores do not pass one word back and forth;
/// reads add the stripes up. A bucket counts at most 2^32 - 1 events per stripe (71 million a second for one-minute
/// buckets). A bucket whose epoch is stale is claimed by a compare-and-swap of its epoch and its words zeroed by the
/// winner; an increment racing that reset in the same instant can be lost, which costs at most a handful of events per
/// bucket rollover.
/// </summary>
internal sealed class FineBucketRing
{
    private const long GoodOne = 1L << 32;
    private const long TotalMask = 0xFFFF_FFFFL;
    private readonly long _widthTicks;
    private readonly long _mask;
    private const int LeadingPadding = 16;   // keeps stripe 0 off the array header's cache line
    private const int CacheLineLongs = 16;   // 128 bytes: two lines, against adjacent-line prefetch
    private readonly long[] _epochs;
    private readonly long[] _counts;         // stripe s, bucket i at LeadingPadding + s * _stride + i
    private readonly int _stride;
    private readonly int _stripeMask;

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
        int cores = Math.Clamp(Environment.ProcessorCount, 1, MaxStripes);
        int stripes = 1;
        while (stripes < cores)
        {
            stripes <<= 1;
        }

        _stripeMask = stripes - 1;
        _stride = (int)size + CacheLineLongs;
        _epochs = new long[size];
        _counts = new long[LeadingPadding + (stripes * _stride)];
        Array.Fill(_epochs, long.MinValue);
        Span = TimeSpan.FromTicks(_widthTicks * (size - 2));
    }

    /// <summary>The most stripes a ring has (one per core up to this many), which bounds its memory.</summary>
    public const int MaxStripes = 8;

    public long WidthTicks => _widthTicks;

    /// <summary>Copies of the count words, one per core (a power of two, at most <see cref="MaxStripes"/>).</summary>
    public int StripeCount => _stripeMask + 1;

    /// <summary>The longest window the ring can answer for (at least the span asked for).</summary>
    public TimeSpan Span { get; }

    public long AllocatedBytes => (_epochs.Length + (long)_counts.Length) * sizeof(long);

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

        int stripe = processorId & _stripeMask;
        Interlocked.Add(ref _counts[LeadingPadding + (stripe * _stride) + index], good ? GoodOne + 1 : 1);
    }

    /// <summary>The counts of one epoch's bucket; zero when the ring no longer (or not yet) holds it.</summary>
    public (long Good, long Total) At(long epoch)
    {
        int index = (int)(epoch & _mask);
        if (Volatile.Read(ref _epochs[index]) != epoch)
        {
            return (0, 0);
        }

        long good = 0;
        long total = 0;
        for (int s = 0, cell = LeadingPadding + index; s <= _stripeMask; s++, cell += _stride)
        {
            long packed = Volatile.Read(ref _counts[cell]);
            good += (long)((ulong)packed >> 32);
            total += packed & TotalMask;
        }

        return (good, total);
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
            for (int s = 0, cell = LeadingPadding + index; s <= _stripeMask; s++, cell += _stride)
            {
                Interlocked.Exchange(ref _counts[cell], 0);
            }
        }

        return true;
    }
}
