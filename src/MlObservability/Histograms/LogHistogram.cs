using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlObservability.Concurrency;

namespace MlObservability.Histograms;

/// <summary>
/// A lock-free, allocation-free histogram of <see cref="double"/> values with logarithmic buckets and a relative-error
/// guarantee on every quantile it reports: for values inside [<see cref="LogHistogramOptions.MinValue"/>,
/// <see cref="LogHistogramOptions.MaxValue"/>], <see cref="HistogramSnapshot.GetQuantile"/> is within
/// <see cref="RelativeAccuracy"/> of the exact sample quantile.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Record(double)"/> may be called from any number of threads. A thread writes into a stripe it owns alone
/// (claimed on its first write, picked by its managed thread id) with plain, non-atomic stores: no interlocked
/// instruction and no shared cache line on the record path. A thread whose stripe is owned by another live thread
/// writes into one shared stripe with atomic updates instead. Every stripe has two halves; a
/// writer-reader phaser (the design of HdrHistogram's <c>Recorder</c>) lets <see cref="Snapshot"/> and
/// <see cref="SnapshotAndReset"/> swap the halves and read a half no writer is using any more, so a snapshot is
/// self-consistent (its count, sum, minimum and maximum describe the same values) and interval snapshots lose and
/// duplicate nothing. Writers never wait; a snapshot waits for writers that are inside a record call to leave it.
/// </para>
/// <para>
/// All memory is allocated in the constructor (see <see cref="AllocatedBytes"/>) and never grows, however many threads
/// come and go: stripes are fixed, and a stripe whose owner thread has ended passes to the next thread that gets the
/// same managed thread id (the runtime reuses the ids of ended threads).
/// </para>
/// <para>
/// Bad input never throws: NaN, infinities and (unless <see cref="LogHistogramOptions.AllowNegativeValues"/> is set)
/// negative values are counted in <see cref="InvalidCount"/> and dropped. Magnitudes below
/// <see cref="LogHistogramOptions.MinValue"/>, zero and subnormals included, go to the zero bucket; magnitudes above
/// <see cref="LogHistogramOptions.MaxValue"/> go to an overflow bucket whose quantiles report the exact maximum. Counts
/// never wrap: a weighted record that would push a bucket past <see cref="long.MaxValue"/> is rejected and counted in
/// <see cref="InvalidCount"/>, and totals over buckets, stripes and merged snapshots saturate at <see cref="long.MaxValue"/>.
/// </para>
/// </remarks>
public sealed partial class LogHistogram
{
    private const int LeadingPadding = 16;      // keeps stripe 0 off the array header's cache lines
    private const int CacheLineLongs = 16;      // 128 bytes: two lines, because adjacent-line prefetch pairs them

    // Control line of a stripe.
    private const int SeqSlot = 0;              // odd while the owner is inside a record call (private stripes)
    private const int OwnerSlot = 1;            // managed thread id of the owner, 0 when free (private stripes)
    private const int StartEpochSlot = 2;       // writer-reader phaser of the shared stripe
    private const int EvenEndEpochSlot = 3;
    private const int OddEndEpochSlot = 4;

    // Layout of one half (and of the reader's pending totals).
    private const int SumSlot = 0;
    private const int MinSlot = 1;
    private const int MaxSlot = 2;
    private const int InvalidSlot = 3;
    private const int ZeroBucket = 4;
    private const int FirstPositiveBucket = 5;

    private static readonly long PositiveInfinityBits = BitConverter.DoubleToInt64Bits(double.PositiveInfinity);
    private static readonly long NegativeInfinityBits = BitConverter.DoubleToInt64Bits(double.NegativeInfinity);

    private readonly long[] _cells;
    private readonly long[] _pending;           // reader-owned totals of drained halves, same layout as a half
    private readonly object _gate = new();
    private readonly int _halfStride;
    private readonly int _stripeStride;
    private readonly int _stripeMask;
    private readonly int _sharedStripe;         // base offset of the shared stripe
    private readonly int _width;                // used longs of a half
    private readonly int _shift;
    private readonly long _minKey;
    private readonly long _firstInteriorKey;    // keys strictly between the ones of MinValue and MaxValue: no range test needed
    private readonly ulong _interiorKeys;
    private readonly int _bucketsPerSign;
    private readonly double _minValue;
    private readonly double _maxValue;
    private readonly bool _allowNegative;
    private int _activeHalf;                    // offset of the half writers use now, inside a stripe

    /// <summary>Creates a histogram with the default latency range (1 ns to 1 day, 1 % accuracy).</summary>
    public LogHistogram()
        : this(LogHistogramOptions.Latency)
    {
    }

    /// <summary>Creates a histogram with the given range and accuracy.</summary>
    /// <param name="options">Range, accuracy and striping; validated here.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message says which and why.</exception>
    public LogHistogram(LogHistogramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        PrecisionBits = LogBucketMapping.PrecisionBitsFor(options.RelativeAccuracy);
        _shift = LogBucketMapping.ShiftFor(PrecisionBits);
        _minValue = options.MinValue;
        _maxValue = options.MaxValue;
        _allowNegative = options.AllowNegativeValues;
        _minKey = LogBucketMapping.KeyOf(_minValue, PrecisionBits);
        _bucketsPerSign = checked((int)(LogBucketMapping.KeyOf(_maxValue, PrecisionBits) - _minKey + 1));
        _firstInteriorKey = _minKey + 1;
        _interiorKeys = (ulong)Math.Max(0, _bucketsPerSign - 2);

        int stripes = options.ResolveStripes();
        _stripeMask = stripes - 1;
        _width = FirstPositiveBucket + _bucketsPerSign + 1 + (_allowNegative ? _bucketsPerSign + 1 : 0);
        _halfStride = (_width + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs;
        _stripeStride = CacheLineLongs + (2 * _halfStride);
        _sharedStripe = StripeBase(stripes);
        _cells = new long[LeadingPadding + ((stripes + 1) * _stripeStride) + CacheLineLongs];
        _pending = new long[_width];
        for (int s = 0; s <= stripes; s++)
        {
            ClearHalf(_cells, StripeBase(s) + CacheLineLongs);
            ClearHalf(_cells, StripeBase(s) + CacheLineLongs + _halfStride);
        }

        _cells[_sharedStripe + OddEndEpochSlot] = long.MinValue;
        ClearHalf(_pending, 0);
        _activeHalf = CacheLineLongs;
    }

    /// <summary>The options this histogram was built with.</summary>
    public LogHistogramOptions Options { get; }

    /// <summary>
    /// The relative error actually guaranteed on quantiles of in-range values; never larger than
    /// <see cref="LogHistogramOptions.RelativeAccuracy"/> (for the default 1 % it is 0.775 %).
    /// </summary>
    public double RelativeAccuracy => LogBucketMapping.GuaranteedRelativeError(PrecisionBits);

    /// <summary>Number of mantissa bits kept per bucket key; each power of two holds 2^PrecisionBits buckets.</summary>
    public int PrecisionBits { get; }

    /// <summary>Number of single-writer stripes (the shared stripe for the remaining threads is not counted).</summary>
    public int StripeCount => _stripeMask + 1;

    /// <summary>Number of buckets per sign between <see cref="LogHistogramOptions.MinValue"/> and <see cref="LogHistogramOptions.MaxValue"/>.</summary>
    public int BucketCount => _bucketsPerSign;

    /// <summary>
    /// Bytes of storage allocated at construction, fixed for the histogram's lifetime: two halves per stripe
    /// (<see cref="StripeCount"/> single-writer stripes plus the shared one) and the reader's totals, about
    /// (2 × (<see cref="StripeCount"/> + 1) + 1) × 8 × <see cref="BucketCount"/> bytes per sign.
    /// </summary>
    public long AllocatedBytes => ((_cells.LongLength + _pending.LongLength) * sizeof(long)) + (2 * 24) + 128;

    /// <summary>Number of valid values recorded (saturating at <see cref="long.MaxValue"/>); exact at the moment of the call.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                Drain();
                return BucketTotal(_pending);
            }
        }
    }

    /// <summary>
    /// Number of values dropped as invalid (NaN, infinities, negatives when not allowed), plus weighted records rejected
    /// because a count would have passed <see cref="long.MaxValue"/>.
    /// </summary>
    public long InvalidCount
    {
        get
        {
            lock (_gate)
            {
                Drain();
                return _pending[InvalidSlot];
            }
        }
    }

    /// <summary>
    /// Records one value. Lock-free, allocation-free, never throws; on a thread that owns its stripe, no atomic
    /// instruction: plain stores into memory no other writer touches.
    /// </summary>
    /// <param name="value">The value; NaN, infinities and disallowed negatives are counted as invalid.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(double value)
    {
        int thread = CurrentThread.Id;

        ref long stripe = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cells), StripeBase(thread & _stripeMask));

        // One unsigned compare on the bucket key instead of two on the value: a key strictly between those of MinValue and
        // MaxValue is a positive, finite, in-range value (negatives, NaN and infinities give keys outside). The two edge
        // buckets, where a value can be out of range and still share the key, take the slow path and its exact compares.
        ulong interior = (ulong)((BitConverter.DoubleToInt64Bits(value) >> _shift) - _firstInteriorKey);
        if (interior < _interiorKeys && Unsafe.Add(ref stripe, OwnerSlot) == thread)
        {
            // Single writer: the sequence is odd while inside, so a reader that swapped halves knows when we left.
            long seq = stripe;
            Volatile.Write(ref stripe, seq + 1);
            ref long half = ref Unsafe.Add(ref stripe, Volatile.Read(ref _activeHalf));
            Unsafe.Add(ref half, (nint)interior + (FirstPositiveBucket + 1))++;
            Unsafe.As<long, double>(ref Unsafe.Add(ref half, SumSlot)) += value;
            ref double min = ref Unsafe.As<long, double>(ref Unsafe.Add(ref half, MinSlot));
            if (value < min)
            {
                min = value;
            }

            ref double max = ref Unsafe.As<long, double>(ref Unsafe.Add(ref half, MaxSlot));
            if (value > max)
            {
                max = value;
            }

            Volatile.Write(ref stripe, seq + 2);
            return;
        }

        RecordSlow(value, 1);
    }

    /// <summary>
    /// Records the same value <paramref name="count"/> times (for pre-aggregated input). Non-positive counts are ignored;
    /// a count that would push its bucket past <see cref="long.MaxValue"/> is rejected and counted as invalid.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="count">How many times it occurred.</param>
    public void Record(double value, long count)
    {
        if (count > 0)
        {
            RecordSlow(value, count);
        }
    }

    /// <summary>
    /// Takes an immutable snapshot of everything recorded since creation (or the last interval snapshot). Self-consistent:
    /// count, sum, minimum and maximum describe the same values, and the count equals the sum of the buckets.
    /// </summary>
    /// <returns>The snapshot.</returns>
    public HistogramSnapshot Snapshot() => Collect(reset: false);

    /// <summary>
    /// Takes a snapshot of everything recorded since the previous interval snapshot and starts a new interval, without
    /// losing or duplicating concurrent writes: each value's count, sum, minimum and maximum land together in exactly one
    /// interval, so totals over all intervals are exact.
    /// </summary>
    /// <returns>The interval snapshot.</returns>
    public HistogramSnapshot SnapshotAndReset() => Collect(reset: true);

    /// <summary>Clears all counts; values recorded concurrently land either before or after the reset, whole.</summary>
    public void Reset() => Collect(reset: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StripeBase(int stripe) => LeadingPadding + (stripe * _stripeStride);

    /// <summary>Offset of the bucket inside a half, or -1 for an invalid value.</summary>
    private int BucketOffsetOf(double value)
    {
        if (!double.IsFinite(value))
        {
            return -1;
        }

        bool negative = value < 0;
        if (negative && !_allowNegative)
        {
            return -1;
        }

        double magnitude = Math.Abs(value);
        if (magnitude < _minValue)
        {
            return ZeroBucket;
        }

        int signBase = negative ? FirstPositiveBucket + _bucketsPerSign + 1 : FirstPositiveBucket;
        if (magnitude > _maxValue)
        {
            return signBase + _bucketsPerSign; // overflow bucket of that sign
        }

        return signBase + (int)(LogBucketMapping.KeyOf(magnitude, PrecisionBits) - _minKey);
    }

    private static void ClearHalf(long[] cells, int half)
    {
        cells[half + SumSlot] = 0;
        cells[half + MinSlot] = PositiveInfinityBits;
        cells[half + MaxSlot] = NegativeInfinityBits;
    }
}
