namespace MlObservability.Drift;

/// <summary>
/// Count-based tumbling windows: two preallocated buffers; writers fill the active one; when it is full the evaluator
/// swaps in the other and evaluates the full one. Rows arriving while the active buffer is full are skipped.
/// </summary>
internal sealed class TumblingCountWindow : DriftWindow
{
    private readonly int _capacity;
    private Buffer _active;
    private Buffer _spare;

    public TumblingCountWindow(int columns, int capacity)
        : base(columns)
    {
        _capacity = capacity;
        _active = new Buffer(columns * capacity);
        _spare = new Buffer(columns * capacity);
    }

    public override int MaxRows => _capacity;

    public override bool TryBeginRow(out RowSlot slot)
    {
        var buffer = Volatile.Read(ref _active);

        // A full window (the evaluator has not taken it yet) is seen with a plain read, so skipped rows write nothing
        // shared (issue 16, target 4) and the claim count cannot grow without bound.
        if (Volatile.Read(ref buffer.Claimed) >= _capacity)
        {
            slot = default;
            return false;
        }

        var index = Interlocked.Increment(ref buffer.Claimed) - 1;
        if (index >= _capacity)
        {
            slot = default;
            return false;
        }

        slot = new RowSlot(buffer.Values, Columns, index);
        return true;
    }

    public override bool EndRow(in RowSlot slot)
    {
        var buffer = Volatile.Read(ref _active);
        if (!ReferenceEquals(buffer.Values, slot.Buffer))
        {
            buffer = _spare;
        }

        return Interlocked.Increment(ref buffer.Written) == _capacity;
    }

    public override int TakeDue(long timestamp, List<WindowSegment> segments)
    {
        var full = Volatile.Read(ref _active);
        if (Volatile.Read(ref full.Written) < _capacity)
        {
            return 0;
        }

        var next = _spare;
        next.Claimed = 0;
        next.Written = 0;
        Volatile.Write(ref _active, next);
        _spare = full;
        segments.Add(new WindowSegment(full.Values, Columns, _capacity));
        return _capacity;
    }

    /// <summary>The rows of the window being filled: they are evaluated once it is full.</summary>
    public override int PendingRows => Math.Min(Volatile.Read(ref Volatile.Read(ref _active).Written), _capacity);

    /// <summary>One buffer; its claim and written counts on cache lines of their own (writers claim while others
    /// finish rows).</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 192)]
    private sealed class Buffer(int length)
    {
        [System.Runtime.InteropServices.FieldOffset(0)]
        public readonly double[] Values = new double[length];

        [System.Runtime.InteropServices.FieldOffset(64)]
        public int Claimed;

        [System.Runtime.InteropServices.FieldOffset(128)]
        public int Written;
    }
}
