using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlObservability.Histograms;

/// <summary>
/// A lock-free, allocation-free histogram of <see cref="double"/> values with logarithmic buckets and a relative-error
/// guarantee on every quantile it reports: for values inside [<see cref="LogHistogramOptions.MinValue"/>,
/// <see cref="LogHistogramOptions.MaxValue"/>], <see cref="HistogramSnapshot.GetQuantile"/> is within
/// <see cref="RelativeAccuracy"/> of the exact sample quantile.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Record(double)"/> may be called from any number of threads. Counts are striped per core on cache-line-padded
/// storage, so writers on different cores do not fight over one line; a snapshot sums the stripes. All memory is allocated
/// in the constructor (see <see cref="AllocatedBytes"/>) and never grows.
/// </para>
/// <para>
/// Bad input never throws: NaN, infinities and (unless <see cref="LogHistogramOptions.AllowNegativeValues"/> is set)
/// negative values are counted in <see cref="InvalidCount"/> and dropped. Magnitudes below
/// <see cref="LogHistogramOptions.MinValue"/>, zero and subnormals included, go to the zero bucket; magnitudes above
/// <see cref="LogHistogramOptions.MaxValue"/> go to an overflow bucket whose quantiles report the exact maximum.
/// </para>
/// </remarks>
public sealed class LogHistogram
{
    private const int LeadingPadding = 16;           // keeps stripe 0 off the array header's cache lines
    private const int HeaderLongs = 8;                // sum, min, max, invalid, then padding
    private const int SumSlot = 0;
    private const int MinSlot = 1;
    private const int MaxSlot = 2;
    private const int InvalidSlot = 3;
    private const int ZeroBucket = HeaderLongs;       // offsets inside a stripe
    private const int FirstPositiveBucket = HeaderLongs + 1;
    private const int CacheLineLongs = 16;            // 128 bytes: two lines, because adjacent-line prefetch pairs them

    private static readonly long PositiveInfinityBits = BitConverter.DoubleToInt64Bits(double.PositiveInfinity);
    private static readonly long NegativeInfinityBits = BitConverter.DoubleToInt64Bits(double.NegativeInfinity);

    private readonly long[] _cells;
    private readonly int _stride;
    private readonly int _stripeMask;
    private readonly int _shift;
    private readonly long _minKey;
    private readonly int _bucketsPerSign;
    private readonly double _minValue;
    private readonly double _maxValue;
    private readonly bool _allowNegative;

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

        int stripes = options.ResolveStripes();
        _stripeMask = stripes - 1;
        int width = HeaderLongs + 1 + _bucketsPerSign + 1 + (_allowNegative ? _bucketsPerSign + 1 : 0);
        _stride = ((width + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs) + CacheLineLongs;
        _cells = new long[LeadingPadding + (stripes * _stride)];
        for (int s = 0; s < stripes; s++)
        {
            int b = StripeBase(s);
            _cells[b + MinSlot] = PositiveInfinityBits;
            _cells[b + MaxSlot] = NegativeInfinityBits;
        }
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

    /// <summary>Number of count stripes.</summary>
    public int StripeCount => _stripeMask + 1;

    /// <summary>Number of buckets per sign between <see cref="LogHistogramOptions.MinValue"/> and <see cref="LogHistogramOptions.MaxValue"/>.</summary>
    public int BucketCount => _bucketsPerSign;

    /// <summary>Bytes of storage allocated at construction (fixed for the histogram's lifetime).</summary>
    public long AllocatedBytes => (_cells.LongLength * sizeof(long)) + 24 + 96;

    /// <summary>Number of valid values recorded (read without a snapshot; exact once writers are quiet).</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (int s = 0; s <= _stripeMask; s++)
            {
                int b = StripeBase(s);
                for (int i = ZeroBucket; i < _stride - CacheLineLongs; i++)
                {
                    total += Volatile.Read(ref _cells[b + i]);
                }
            }

            return total;
        }
    }

    /// <summary>Number of values dropped as invalid (NaN, infinities, negatives when not allowed).</summary>
    public long InvalidCount
    {
        get
        {
            long total = 0;
            for (int s = 0; s <= _stripeMask; s++)
            {
                total += Volatile.Read(ref _cells[StripeBase(s) + InvalidSlot]);
            }

            return total;
        }
    }

    /// <summary>
    /// Records one value. Lock-free, allocation-free, never throws; about two atomic instructions on a per-core stripe.
    /// </summary>
    /// <param name="value">The value; NaN, infinities and disallowed negatives are counted as invalid.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(double value)
    {
        int stripe = StripeBase(Thread.GetCurrentProcessorId() & _stripeMask);
        ref long cells = ref MemoryMarshal.GetArrayDataReference(_cells);
        if (value >= _minValue && value <= _maxValue)
        {
            // In range: the key is the bits shifted; the range check above keeps the index inside the stripe.
            int bucket = FirstPositiveBucket + (int)((BitConverter.DoubleToInt64Bits(value) >> _shift) - _minKey);
            Interlocked.Increment(ref Unsafe.Add(ref cells, stripe + bucket));
            Accumulate(ref Unsafe.Add(ref cells, stripe), value);
            return;
        }

        RecordOutOfRange(value, stripe);
    }

    /// <summary>Records the same value <paramref name="count"/> times (for pre-aggregated input). Non-positive counts are ignored.</summary>
    /// <param name="value">The value.</param>
    /// <param name="count">How many times it occurred.</param>
    public void Record(double value, long count)
    {
        if (count <= 0)
        {
            return;
        }

        int stripe = StripeBase(Thread.GetCurrentProcessorId() & _stripeMask);
        int bucket = BucketOffsetOf(value);
        if (bucket < 0)
        {
            Interlocked.Add(ref _cells[stripe + InvalidSlot], count);
            return;
        }

        Interlocked.Add(ref _cells[stripe + bucket], count);
        ref long header = ref _cells[stripe];
        AddToSum(ref Unsafe.Add(ref header, SumSlot), value * count);
        UpdateMin(ref Unsafe.Add(ref header, MinSlot), value);
        UpdateMax(ref Unsafe.Add(ref header, MaxSlot), value);
    }

    /// <summary>
    /// Takes an immutable snapshot without disturbing writers. Counts in the snapshot always equal the sum of its buckets.
    /// </summary>
    /// <returns>The snapshot.</returns>
    public HistogramSnapshot Snapshot() => Collect(reset: false);

    /// <summary>
    /// Takes a snapshot of everything recorded since the previous interval snapshot and resets the histogram, without
    /// losing concurrent writes: every bucket is drained atomically, so a count lands in exactly one interval.
    /// Under concurrent writes the sum, minimum and maximum of one value may land in the next interval; their totals over
    /// all intervals stay exact.
    /// </summary>
    /// <returns>The interval snapshot.</returns>
    public HistogramSnapshot SnapshotAndReset() => Collect(reset: true);

    /// <summary>Clears all counts. Concurrent writes may survive the reset.</summary>
    public void Reset() => Collect(reset: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StripeBase(int stripe) => LeadingPadding + (stripe * _stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref long header, double value)
    {
        AddToSum(ref header, value);
        if (value < BitConverter.Int64BitsToDouble(Volatile.Read(ref Unsafe.Add(ref header, MinSlot))))
        {
            UpdateMin(ref Unsafe.Add(ref header, MinSlot), value);
        }

        if (value > BitConverter.Int64BitsToDouble(Volatile.Read(ref Unsafe.Add(ref header, MaxSlot))))
        {
            UpdateMax(ref Unsafe.Add(ref header, MaxSlot), value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToSum(ref long sumBits, double value)
    {
        long current = Volatile.Read(ref sumBits);
        while (true)
        {
            long next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            long seen = Interlocked.CompareExchange(ref sumBits, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UpdateMin(ref long minBits, double value)
    {
        long current = Volatile.Read(ref minBits);
        while (value < BitConverter.Int64BitsToDouble(current))
        {
            long seen = Interlocked.CompareExchange(ref minBits, BitConverter.DoubleToInt64Bits(value), current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UpdateMax(ref long maxBits, double value)
    {
        long current = Volatile.Read(ref maxBits);
        while (value > BitConverter.Int64BitsToDouble(current))
        {
            long seen = Interlocked.CompareExchange(ref maxBits, BitConverter.DoubleToInt64Bits(value), current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordOutOfRange(double value, int stripe)
    {
        int bucket = BucketOffsetOf(value);
        if (bucket < 0)
        {
            Interlocked.Increment(ref _cells[stripe + InvalidSlot]);
            return;
        }

        Interlocked.Increment(ref _cells[stripe + bucket]);
        Accumulate(ref _cells[stripe], value);
    }

    /// <summary>Offset of the bucket inside a stripe, or -1 for an invalid value.</summary>
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

    private HistogramSnapshot Collect(bool reset)
    {
        long[] positive = new long[_bucketsPerSign];
        long[] negative = _allowNegative ? new long[_bucketsPerSign] : [];
        long zero = 0, overflow = 0, underflow = 0, invalid = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;

        for (int s = 0; s <= _stripeMask; s++)
        {
            int b = StripeBase(s);
            zero += Take(b + ZeroBucket, reset);
            for (int i = 0; i < _bucketsPerSign; i++)
            {
                positive[i] += Take(b + FirstPositiveBucket + i, reset);
            }

            overflow += Take(b + FirstPositiveBucket + _bucketsPerSign, reset);
            if (_allowNegative)
            {
                int nb = b + FirstPositiveBucket + _bucketsPerSign + 1;
                for (int i = 0; i < _bucketsPerSign; i++)
                {
                    negative[i] += Take(nb + i, reset);
                }

                underflow += Take(nb + _bucketsPerSign, reset);
            }

            invalid += Take(b + InvalidSlot, reset);
            sum += BitConverter.Int64BitsToDouble(reset ? Interlocked.Exchange(ref _cells[b + SumSlot], 0) : Volatile.Read(ref _cells[b + SumSlot]));
            min = Math.Min(min, BitConverter.Int64BitsToDouble(reset ? Interlocked.Exchange(ref _cells[b + MinSlot], PositiveInfinityBits) : Volatile.Read(ref _cells[b + MinSlot])));
            max = Math.Max(max, BitConverter.Int64BitsToDouble(reset ? Interlocked.Exchange(ref _cells[b + MaxSlot], NegativeInfinityBits) : Volatile.Read(ref _cells[b + MaxSlot])));
        }

        return HistogramSnapshot.FromDense(PrecisionBits, _minValue, _minKey, positive, negative, zero, overflow, underflow, invalid, sum, min, max);
    }

    private long Take(int index, bool reset)
    {
        long value = Volatile.Read(ref _cells[index]);
        if (reset && value != 0)
        {
            value = Interlocked.Exchange(ref _cells[index], 0);
        }

        return value;
    }
}
