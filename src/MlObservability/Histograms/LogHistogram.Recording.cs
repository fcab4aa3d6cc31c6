using System.Runtime.CompilerServices;
using MlObservability.Concurrency;

namespace MlObservability.Histograms;

/// <summary>The record paths that are not the in-range, owned-stripe fast path of <see cref="Record(double)"/>.</summary>
public sealed partial class LogHistogram
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordSlow(double value, long count)
    {
        int thread = CurrentThread.Id;
        int stripe = StripeBase(thread & _stripeMask);
        int bucket = BucketOffsetOf(value);
        ref long owner = ref _cells[stripe + OwnerSlot];
        long current = Volatile.Read(ref owner);
        if (current == thread || (current == 0 && Interlocked.CompareExchange(ref owner, thread, 0) == 0))
        {
            RecordOwned(stripe, bucket, value, count);
        }
        else
        {
            RecordShared(bucket, value, count);
        }
    }

    /// <summary>Single writer: plain stores inside the stripe's odd sequence.</summary>
    private void RecordOwned(int stripe, int bucket, double value, long count)
    {
        ref long seq = ref _cells[stripe + SeqSlot];
        long s = seq;
        Volatile.Write(ref seq, s + 1);
        int half = stripe + Volatile.Read(ref _activeHalf);
        if (bucket < 0)
        {
            _cells[half + InvalidSlot] = SaturatingAdd(_cells[half + InvalidSlot], count);
        }
        else if (_cells[half + bucket] > long.MaxValue - count)
        {
            _cells[half + InvalidSlot] = SaturatingAdd(_cells[half + InvalidSlot], 1);
        }
        else
        {
            _cells[half + bucket] += count;
            ref double sum = ref Unsafe.As<long, double>(ref _cells[half + SumSlot]);
            sum += count == 1 ? value : value * count;
            ref double min = ref Unsafe.As<long, double>(ref _cells[half + MinSlot]);
            min = Math.Min(min, value);
            ref double max = ref Unsafe.As<long, double>(ref _cells[half + MaxSlot]);
            max = Math.Max(max, value);
        }

        Volatile.Write(ref seq, s + 2);
    }

    /// <summary>
    /// Any number of writers: atomic updates, inside HdrHistogram's writer-reader phaser (the sign of the start epoch
    /// says which half is active; the end epochs tell the reader when the last writer of a phase has left).
    /// </summary>
    private void RecordShared(int bucket, double value, long count)
    {
        int control = _sharedStripe;
        long epoch = Interlocked.Increment(ref _cells[control + StartEpochSlot]) - 1;
        int half = control + CacheLineLongs + (epoch < 0 ? _halfStride : 0);
        if (bucket < 0)
        {
            InterlockedSaturatingAdd(ref _cells[half + InvalidSlot], count);
        }
        else if (!InterlockedTryAdd(ref _cells[half + bucket], count))
        {
            InterlockedSaturatingAdd(ref _cells[half + InvalidSlot], 1);
        }
        else
        {
            AddToSum(ref _cells[half + SumSlot], count == 1 ? value : value * count);
            UpdateMin(ref _cells[half + MinSlot], value);
            UpdateMax(ref _cells[half + MaxSlot], value);
        }

        Interlocked.Increment(ref _cells[control + (epoch < 0 ? OddEndEpochSlot : EvenEndEpochSlot)]);
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static void InterlockedSaturatingAdd(ref long cell, long count)
    {
        long current = Volatile.Read(ref cell);
        while (true)
        {
            long seen = Interlocked.CompareExchange(ref cell, SaturatingAdd(current, count), current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static bool InterlockedTryAdd(ref long cell, long count)
    {
        if (count == 1)
        {
            // Reaching long.MaxValue one value at a time would take centuries; a plain increment cannot wrap in practice.
            Interlocked.Increment(ref cell);
            return true;
        }

        long current = Volatile.Read(ref cell);
        while (current <= long.MaxValue - count)
        {
            long seen = Interlocked.CompareExchange(ref cell, current + count, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

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
}
