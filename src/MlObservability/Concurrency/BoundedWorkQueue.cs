namespace MlObservability.Concurrency;

/// <summary>
/// A fixed-capacity, lock-free, allocation-free multi-producer queue (Dmitry Vyukov's bounded MPMC ring): producers on
/// inference threads never wait, a full queue refuses the item. The background worker dequeues.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class BoundedWorkQueue<T>
{
    private readonly Cell[] _cells;
    private readonly long _mask;
    private QueueCursor _enqueue;
    private QueueCursor _dequeue;

    /// <summary>Creates the queue; the capacity is rounded up to a power of two.</summary>
    /// <param name="capacity">The least capacity (at least 2).</param>
    public BoundedWorkQueue(int capacity)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, capacity));
        _cells = new Cell[size];
        for (int i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }

        _mask = size - 1;
    }

    /// <summary>The capacity.</summary>
    public int Capacity => _cells.Length;

    /// <summary>Items waiting (approximate while producers run).</summary>
    public int Count => (int)Math.Max(0, Volatile.Read(ref _enqueue.Value) - Volatile.Read(ref _dequeue.Value));

    /// <summary>Adds an item unless the queue is full. Lock-free, never blocks.</summary>
    /// <param name="item">The item.</param>
    /// <returns><see langword="false"/> when the queue is full.</returns>
    public bool TryEnqueue(in T item)
    {
        long position = Volatile.Read(ref _enqueue.Value);
        while (true)
        {
            ref Cell cell = ref _cells[position & _mask];
            long sequence = Volatile.Read(ref cell.Sequence);
            long diff = sequence - position;
            if (diff == 0)
            {
                long seen = Interlocked.CompareExchange(ref _enqueue.Value, position + 1, position);
                if (seen == position)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }

                position = seen;
            }
            else if (diff < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueue.Value);
            }
        }
    }

    /// <summary>Takes the oldest item, if any.</summary>
    /// <param name="item">The item.</param>
    /// <returns><see langword="false"/> when the queue is empty.</returns>
    public bool TryDequeue(out T item)
    {
        long position = Volatile.Read(ref _dequeue.Value);
        while (true)
        {
            ref Cell cell = ref _cells[position & _mask];
            long sequence = Volatile.Read(ref cell.Sequence);
            long diff = sequence - (position + 1);
            if (diff == 0)
            {
                long seen = Interlocked.CompareExchange(ref _dequeue.Value, position + 1, position);
                if (seen == position)
                {
                    item = cell.Item;
                    cell.Item = default!;
                    Volatile.Write(ref cell.Sequence, position + _mask + 1);
                    return true;
                }

                position = seen;
            }
            else if (diff < 0)
            {
                item = default!;
                return false;
            }
            else
            {
                position = Volatile.Read(ref _dequeue.Value);
            }
        }
    }

    private struct Cell
    {
        public long Sequence;
        public T Item;
    }
}
