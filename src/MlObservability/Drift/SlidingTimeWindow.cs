namespace MlObservability.Drift;

/// <summary>
/// A time-based sliding window as a ring of slices. Each slice holds at most a fixed number of rows; its state packs the
/// slice's epoch (time / slice length) and its row count in one 64-bit word, so claiming a row and starting a new slice
/// are one compare-and-swap. The evaluator reads the last <c>slices</c> completed slices.
/// </summary>
internal sealed class SlidingTimeWindow : DriftWindow
{
    private const int CountBits = 24;
    private const long CountMask = (1L << CountBits) - 1;

    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly long _sliceTicks;
    private readonly int _rowsPerSlice;
    private readonly Slice[] _ring;
    private long _lastEvaluatedEpoch = -1;

    public SlidingTimeWindow(int columns, TimeProvider time, TimeSpan window, int slices, int rowsPerSlice)
        : base(columns)
    {
        _time = time;
        _origin = time.GetTimestamp();
        _sliceTicks = Math.Max(1, (long)(window.TotalSeconds / slices * time.TimestampFrequency));
        _rowsPerSlice = rowsPerSlice;
        _ring = new Slice[slices + 1];
        for (var i = 0; i < _ring.Length; i++)
        {
            _ring[i] = new Slice(columns * rowsPerSlice);
        }
    }

    public override int MaxRows => (_ring.Length - 1) * _rowsPerSlice;

    public override bool TryBeginRow(out RowSlot slot)
    {
        var epoch = EpochOf(_time.GetTimestamp());
        var slice = _ring[epoch % _ring.Length];
        while (true)
        {
            var state = Volatile.Read(ref slice.State);
            var stateEpoch = state >> CountBits;
            long next;
            int index;
            if (stateEpoch == epoch)
            {
                index = (int)(state & CountMask);
                if (index >= _rowsPerSlice)
                {
                    slot = default;
                    return false;
                }

                next = state + 1;
            }
            else if (stateEpoch < epoch)
            {
                index = 0;
                next = (epoch << CountBits) | 1;
            }
            else
            {
                slot = default;
                return false;
            }

            if (Interlocked.CompareExchange(ref slice.State, next, state) == state)
            {
                slot = new RowSlot(slice.Values, Columns, index);
                return true;
            }
        }
    }

    public override bool EndRow(in RowSlot slot) => false;

    public override int TakeDue(long timestamp, List<WindowSegment> segments)
    {
        var current = EpochOf(timestamp);
        var newestComplete = current - 1;
        if (newestComplete < 0 || newestComplete <= _lastEvaluatedEpoch)
        {
            return 0;
        }

        _lastEvaluatedEpoch = newestComplete;
        var rows = 0;
        for (var e = newestComplete; e > newestComplete - (_ring.Length - 1) && e >= 0; e--)
        {
            var slice = _ring[e % _ring.Length];
            var state = Volatile.Read(ref slice.State);
            if (state >> CountBits != e)
            {
                continue;
            }

            var count = (int)Math.Min(state & CountMask, _rowsPerSlice);
            if (count > 0)
            {
                segments.Add(new WindowSegment(slice.Values, Columns, count));
                rows += count;
            }
        }

        return rows;
    }

    private long EpochOf(long timestamp) => Math.Max(0, timestamp - _origin) / _sliceTicks;

    private sealed class Slice(int length)
    {
        public readonly double[] Values = new double[length];
        public long State = -1L << CountBits; // epoch -1, nothing written
    }
}
