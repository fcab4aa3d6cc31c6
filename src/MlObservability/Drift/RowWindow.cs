namespace MlObservability.Drift;

/// <summary>
/// A bounded, double-buffered window of fixed-width rows for the multivariate and embedding detectors. Writers copy a
/// row into the current buffer (lock-free: an in-flight count and a slot index by <see cref="Interlocked"/>,
/// allocation-free); once the buffer is full further rows are skipped and counted. The single evaluating thread swaps
/// in the spare buffer and waits for writers still copying into the old one (Dekker-style: a writer announces itself,
/// then re-reads the current buffer), so a taken window holds only complete rows.
/// </summary>
internal sealed class RowWindow<T>
    where T : unmanaged
{
    private readonly int _capacity;
    private readonly int _width;
    private Buffer _current;
    private Buffer _spare;
    private long _skipped;
    private long _taken;

    public RowWindow(int capacity, int width)
    {
        _capacity = capacity;
        _width = width;
        _current = new Buffer(capacity * width);
        _spare = new Buffer(capacity * width);
    }

    public int Capacity => _capacity;

    public int Width => _width;

    /// <summary>Rows in the current buffer now.</summary>
    public int Count => Math.Min(Volatile.Read(ref Volatile.Read(ref _current).Reserved), _capacity);

    /// <summary>Rows skipped because the window was full.</summary>
    public long Skipped => Volatile.Read(ref _skipped);

    /// <summary>Rows handed to evaluation.</summary>
    public long Taken => Volatile.Read(ref _taken);

    /// <summary>Copies a row of exactly <see cref="Width"/> values; false when the window is full (counted).</summary>
    public bool TryAdd(ReadOnlySpan<T> row)
    {
        var buffer = Enter();
        var index = Reserve(buffer);
        if (index >= 0)
        {
            row.CopyTo(buffer.Values.AsSpan(index * _width, _width));
        }

        return Exit(buffer, index);
    }

    /// <summary>Copies a row of exactly <see cref="Width"/> values, converting each; false when the window is full.</summary>
    public bool TryAdd<TSource>(ReadOnlySpan<TSource> row, Func<TSource, T> convert)
        where TSource : unmanaged
    {
        var buffer = Enter();
        var index = Reserve(buffer);
        if (index >= 0)
        {
            var target = buffer.Values.AsSpan(index * _width, _width);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = convert(row[i]);
            }
        }

        return Exit(buffer, index);
    }

    /// <summary>Takes the current rows for evaluation and starts an empty window. Single caller at a time. The returned
    /// memory stays valid until the next call.</summary>
    public ReadOnlyMemory<T> Take(out int rows)
    {
        var old = _current;
        _spare.Reserved = 0;
        Interlocked.Exchange(ref _current, _spare);
        var spin = default(SpinWait);
        while (Volatile.Read(ref old.Active) != 0)
        {
            spin.SpinOnce();
        }

        _spare = old;
        rows = Math.Min(old.Reserved, _capacity);
        Interlocked.Add(ref _taken, rows);
        return old.Values.AsMemory(0, rows * _width);
    }

    /// <summary>Announces a writer on the current buffer (re-reading it after the announcement, so a concurrent
    /// <see cref="Take"/> either waits for this writer or is seen and retried).</summary>
    private Buffer Enter()
    {
        while (true)
        {
            var buffer = Volatile.Read(ref _current);
            Interlocked.Increment(ref buffer.Active);
            if (ReferenceEquals(buffer, Volatile.Read(ref _current)))
            {
                return buffer;
            }

            Interlocked.Decrement(ref buffer.Active);
        }
    }

    /// <summary>A free slot of the buffer, or -1 when it is full.</summary>
    private int Reserve(Buffer buffer)
    {
        if (Volatile.Read(ref buffer.Reserved) >= _capacity)
        {
            return -1;
        }

        var index = Interlocked.Increment(ref buffer.Reserved) - 1;
        return index < _capacity ? index : -1;
    }

    private bool Exit(Buffer buffer, int index)
    {
        Interlocked.Decrement(ref buffer.Active);
        if (index < 0)
        {
            Interlocked.Increment(ref _skipped);
            return false;
        }

        return true;
    }

    private sealed class Buffer(int length)
    {
        public readonly T[] Values = new T[length];
        public int Reserved;
        public int Active;
    }
}
