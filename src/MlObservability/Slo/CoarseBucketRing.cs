namespace MlObservability.Slo;

/// <summary>
/// Good/total counts over the whole SLO period in a ring of long buckets (one hour by default). Written only by the
/// tracker's evaluation pass, which rolls completed fine buckets up into it, so it needs no atomics.
/// </summary>
internal sealed class CoarseBucketRing
{
    private readonly long _widthTicks;
    private readonly long[] _epochs;
    private readonly long[] _good;
    private readonly long[] _total;

    public CoarseBucketRing(TimeSpan bucketWidth, TimeSpan span)
    {
        _widthTicks = bucketWidth.Ticks;
        int count = checked((int)(span.Ticks / _widthTicks) + 2);
        _epochs = new long[count];
        _good = new long[count];
        _total = new long[count];
        Array.Fill(_epochs, long.MinValue);
    }

    public long AllocatedBytes => _epochs.Length * 3L * sizeof(long);

    public void Add(long utcTicks, long good, long total)
    {
        long epoch = utcTicks / _widthTicks;
        int index = (int)(epoch % _epochs.Length);
        if (_epochs[index] != epoch)
        {
            if (_epochs[index] > epoch)
            {
                return;
            }

            _epochs[index] = epoch;
            _good[index] = 0;
            _total[index] = 0;
        }

        _good[index] += good;
        _total[index] += total;
    }

    /// <summary>Sums the buckets of the window ending at <paramref name="utcTicks"/>, bucket-aligned.</summary>
    public (long Good, long Total) Sum(long utcTicks, TimeSpan window)
    {
        long last = utcTicks / _widthTicks;
        long buckets = Math.Clamp((window.Ticks + _widthTicks - 1) / _widthTicks, 1, _epochs.Length - 1);
        long good = 0;
        long total = 0;
        for (long epoch = last - buckets + 1; epoch <= last; epoch++)
        {
            int index = (int)(epoch % _epochs.Length);
            if (_epochs[index] == epoch)
            {
                good += _good[index];
                total += _total[index];
            }
        }

        return (good, total);
    }
}
