namespace MlObservability.Histograms;

/// <summary>The reader side: swapping halves, waiting for writers of the old phase, and totalling the drained halves.</summary>
public sealed partial class LogHistogram
{
    private HistogramSnapshot Collect(bool reset)
    {
        lock (_gate)
        {
            Drain();
            var snapshot = ToSnapshot();
            if (reset)
            {
                Array.Clear(_pending);
                ClearHalf(_pending, 0);
            }

            return snapshot;
        }
    }

    /// <summary>
    /// Flips the phase, waits until no writer is inside the old half any more, and moves the old halves into
    /// <see cref="_pending"/>. Runs under <see cref="_gate"/>.
    /// </summary>
    private void Drain()
    {
        int old = _activeHalf;
        bool nextEven = old != CacheLineLongs;
        Volatile.Write(ref _activeHalf, nextEven ? CacheLineLongs : CacheLineLongs + _halfStride);

        // The shared stripe's phaser: reset the new phase's end epoch, swap the start epoch, remember how many entered.
        long initial = nextEven ? 0 : long.MinValue;
        Volatile.Write(ref _cells[_sharedStripe + (nextEven ? EvenEndEpochSlot : OddEndEpochSlot)], initial);
        long enteredOldPhase = Interlocked.Exchange(ref _cells[_sharedStripe + StartEpochSlot], initial);

        // Owners publish "inside" with a plain store and then read the phase; this barrier makes every such store visible
        // (or makes the owner see the new phase), so a sequence read after it tells whether the owner may still write the old half.
        Interlocked.MemoryBarrierProcessWide();

        var spin = default(SpinWait);
        ref long oldEnd = ref _cells[_sharedStripe + (nextEven ? OddEndEpochSlot : EvenEndEpochSlot)];
        while (Volatile.Read(ref oldEnd) != enteredOldPhase)
        {
            spin.SpinOnce();
        }

        for (int s = 0; s <= _stripeMask; s++)
        {
            ref long seq = ref _cells[StripeBase(s) + SeqSlot];
            long inside = Volatile.Read(ref seq);
            spin = default;
            while ((inside & 1) != 0 && Volatile.Read(ref seq) == inside)
            {
                spin.SpinOnce();
            }
        }

        for (int s = 0; s <= _stripeMask + 1; s++)
        {
            MoveToPending(StripeBase(s) + old);
        }
    }

    private void MoveToPending(int half)
    {
        long[] cells = _cells;
        long[] pending = _pending;
        pending[SumSlot] = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(pending[SumSlot]) + BitConverter.Int64BitsToDouble(cells[half + SumSlot]));
        pending[MinSlot] = BitConverter.DoubleToInt64Bits(Math.Min(BitConverter.Int64BitsToDouble(pending[MinSlot]), BitConverter.Int64BitsToDouble(cells[half + MinSlot])));
        pending[MaxSlot] = BitConverter.DoubleToInt64Bits(Math.Max(BitConverter.Int64BitsToDouble(pending[MaxSlot]), BitConverter.Int64BitsToDouble(cells[half + MaxSlot])));
        for (int i = InvalidSlot; i < _width; i++)
        {
            long c = cells[half + i];
            if (c != 0)
            {
                pending[i] = SaturatingAdd(pending[i], c);
                cells[half + i] = 0;
            }
        }

        ClearHalf(cells, half);
    }

    private HistogramSnapshot ToSnapshot()
    {
        long[] p = _pending;
        long[] positive = p[FirstPositiveBucket..(FirstPositiveBucket + _bucketsPerSign)];
        int negativeBase = FirstPositiveBucket + _bucketsPerSign + 1;
        long[] negative = _allowNegative ? p[negativeBase..(negativeBase + _bucketsPerSign)] : [];
        return HistogramSnapshot.FromDense(
            PrecisionBits, _minValue, _minKey, positive, negative,
            p[ZeroBucket],
            p[FirstPositiveBucket + _bucketsPerSign],
            _allowNegative ? p[negativeBase + _bucketsPerSign] : 0,
            p[InvalidSlot],
            BitConverter.Int64BitsToDouble(p[SumSlot]),
            BitConverter.Int64BitsToDouble(p[MinSlot]),
            BitConverter.Int64BitsToDouble(p[MaxSlot]));
    }

    private long BucketTotal(long[] half)
    {
        long total = 0;
        for (int i = ZeroBucket; i < _width; i++)
        {
            total = SaturatingAdd(total, half[i]);
        }

        return total;
    }
}
