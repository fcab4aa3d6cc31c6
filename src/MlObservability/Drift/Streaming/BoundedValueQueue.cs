namespace MlObservability.Drift.Streaming;

/// <summary>
/// A bounded multi-producer queue of doubles (Vyukov's array queue: a sequence number per cell, one CAS per enqueue),
/// lock-free and allocation-free. Consumed by one thread at a time (the evaluating thread, under its lock).
/// </summary>
internal sealed class BoundedValueQueue
{
    private readonly Cell[] _cells;
    private readonly long _mask;
    private PaddedLong _tail;
    private PaddedLong _head;

    public BoundedValueQueue(int capacity)
    {
        var size = 1;
        while (size < capacity)
        {
            size <<= 1;
        }

        _cells = new Cell[size];
        for (var i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }

        _mask = size - 1;
    }

    public int Capacity => _cells.Length;

    /// <summary>Adds a value; false when the queue is full.</summary>
    public bool TryEnqueue(double value)
    {
        var pos = Volatile.Read(ref _tail.Value);
        while (true)
        {
            ref var cell = ref _cells[pos & _mask];
            var seq = Volatile.Read(ref cell.Sequence);
            var diff = seq - pos;
            if (diff == 0)
            {
                var seen = Interlocked.CompareExchange(ref _tail.Value, pos + 1, pos);
                if (seen == pos)
                {
                    cell.Value = value;
                    Volatile.Write(ref cell.Sequence, pos + 1);
                    return true;
                }

                pos = seen;
            }
            else if (diff < 0)
            {
                return false;
            }
            else
            {
                pos = Volatile.Read(ref _tail.Value);
            }
        }
    }

    /// <summary>Takes the oldest value; false when empty (or the oldest is still being written).</summary>
    public bool TryDequeue(out double value)
    {
        var pos = _head.Value;
        ref var cell = ref _cells[pos & _mask];
        if (Volatile.Read(ref cell.Sequence) != pos + 1)
        {
            value = 0;
            return false;
        }

        value = cell.Value;
        Volatile.Write(ref cell.Sequence, pos + _cells.Length);
        _head.Value = pos + 1;
        return true;
    }

    private struct Cell
    {
        public long Sequence;
        public double Value;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public long Value;
    }
}
