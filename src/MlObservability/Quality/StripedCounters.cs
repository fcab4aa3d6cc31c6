using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlObservability.Quality;

/// <summary>
/// A fixed set of 64-bit counters striped per core on cache-line-padded storage, so threads on different cores do not
/// contend. Lock-free and allocation-free to update; reads sum the stripes.
/// </summary>
internal sealed class StripedCounters
{
    private const int LeadingPadding = 16;
    private const int CacheLineLongs = 16;
    private readonly long[] _cells;
    private readonly int _stride;
    private readonly int _stripeMask;

    /// <param name="count">Number of counters.</param>
    /// <param name="maxStripes">The most stripes (one per core up to this many, rounded up to a power of two); bounds
    /// the memory of a large set of counters on a machine with many cores.</param>
    public StripedCounters(int count, int maxStripes = 16)
    {
        Count = count;
        int stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, maxStripes));
        _stripeMask = stripes - 1;
        _stride = ((count + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs) + CacheLineLongs;
        _cells = new long[LeadingPadding + (stripes * _stride)];
    }

    /// <summary>Number of counters.</summary>
    public int Count { get; }

    /// <summary>Number of stripes (copies of every counter).</summary>
    public int StripeCount => _stripeMask + 1;

    /// <summary>Bytes of counter storage, padding included.</summary>
    public long AllocatedBytes => (long)_cells.Length * sizeof(long);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(int index) => Add(index, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index, long value) => Add(index, value, Thread.GetCurrentProcessorId());

    /// <summary>Adds to a counter in the stripe of <paramref name="processorId"/> (any non-negative number): a caller
    /// that updates several sets reads <see cref="Thread.GetCurrentProcessorId"/> once for all of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index, long value, int processorId)
    {
        int offset = LeadingPadding + ((processorId & _stripeMask) * _stride) + index;
        Interlocked.Add(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cells), offset), value);
    }

    /// <summary>Sets one counter to zero on every stripe.</summary>
    public void Reset(int index)
    {
        for (int s = 0; s <= _stripeMask; s++)
        {
            Interlocked.Exchange(ref _cells[LeadingPadding + (s * _stride) + index], 0);
        }
    }

    /// <summary>The total of one counter over all stripes.</summary>
    public long Read(int index)
    {
        long total = 0;
        for (int s = 0; s <= _stripeMask; s++)
        {
            total += Volatile.Read(ref _cells[LeadingPadding + (s * _stride) + index]);
        }

        return total;
    }

    /// <summary>Whether any counter over all stripes is non-zero.</summary>
    public bool AnyNonZero()
    {
        for (int s = 0; s <= _stripeMask; s++)
        {
            int b = LeadingPadding + (s * _stride);
            for (int i = 0; i < Count; i++)
            {
                if (Volatile.Read(ref _cells[b + i]) != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Adds every counter to <paramref name="into"/>, resetting it atomically when <paramref name="reset"/> is set (no increment is lost).</summary>
    public void CopyTo(Span<long> into, bool reset)
    {
        for (int s = 0; s <= _stripeMask; s++)
        {
            int b = LeadingPadding + (s * _stride);
            for (int i = 0; i < Count; i++)
            {
                long v = Volatile.Read(ref _cells[b + i]);
                if (reset && v != 0)
                {
                    v = Interlocked.Exchange(ref _cells[b + i], 0);
                }

                into[i] += v;
            }
        }
    }
}
