namespace MlObservability.Drift;

/// <summary>
/// Count-based tumbling windows on two preallocated buffers. Writers fill the active buffer; the writer that claims
/// its last row hands it over at once: it becomes ready for the evaluator and the spare becomes active, so rows keep
/// landing while the evaluation is still queued. Rows are skipped (and counted by the monitor) only when the evaluator
/// is a whole window behind: both buffers are full or being evaluated.
/// </summary>
/// <remarks>
/// Each buffer is in exactly one state: active (filling), ready (full, waiting for the evaluator), evaluating (taken
/// by <see cref="TakeDue"/> until <see cref="Release"/>) or spare. The hand-over needs the spare, and two parties may
/// hold the duty to perform it: the writer that claimed the last row, and the evaluator when it releases a buffer while
/// the active one is already full. Each publishes its side with a full fence (the claim and the release are
/// interlocked) before it looks at the other's, and only the one whose exchange takes the spare swaps, so the
/// hand-over happens exactly once and never waits for a thread-pool item.
/// </remarks>
internal sealed class TumblingCountWindow : DriftWindow
{
    private readonly int _capacity;
    private Buffer _active;
    private Buffer? _spare;
    private Buffer? _ready;
    private Buffer? _evaluating;

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
        // Two tries: a writer that lost the race for the last row of a buffer, or read the active buffer just before
        // its hand-over, claims in the one handed over next.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var buffer = Volatile.Read(ref _active);

            // A full buffer that could not be handed over (the evaluator holds the spare) is seen with a plain read, so
            // skipped rows write nothing shared (issue 16, target 4) and the claim count cannot grow without bound.
            if (Volatile.Read(ref buffer.Claimed) >= _capacity)
            {
                if (ReferenceEquals(buffer, Volatile.Read(ref _active)))
                {
                    break;
                }

                continue;
            }

            var index = Interlocked.Increment(ref buffer.Claimed) - 1;
            if (index < _capacity)
            {
                if (index == _capacity - 1)
                {
                    TryHandOver(buffer);
                }

                slot = new RowSlot(buffer.Values, Columns, index, buffer);
                return true;
            }
        }

        slot = default;
        return false;
    }

    public override bool EndRow(in RowSlot slot) =>
        Interlocked.Increment(ref ((Buffer)slot.Owner!).Written) == _capacity;

    public override int TakeDue(long timestamp, List<WindowSegment> segments)
    {
        // A full active buffer whose hand-over nobody could make yet (the spare was being evaluated).
        var active = Volatile.Read(ref _active);
        if (Volatile.Read(ref active.Claimed) >= _capacity)
        {
            TryHandOver(active);
        }

        var ready = Volatile.Read(ref _ready);
        if (ready is null || _evaluating is not null || Volatile.Read(ref ready.Written) < _capacity)
        {
            // Nothing full yet, or its last rows are still being written: their writer's EndRow reports completion.
            return 0;
        }

        Volatile.Write(ref _ready, null);
        _evaluating = ready;
        segments.Add(new WindowSegment(ready.Values, Columns, _capacity));
        return _capacity;
    }

    public override bool Release()
    {
        var evaluated = _evaluating;
        if (evaluated is null)
        {
            return false;
        }

        _evaluating = null;
        Interlocked.Exchange(ref _spare, evaluated);

        // The active buffer may have filled while the spare was held: its last writer found no spare, so the hand-over
        // is ours. The exchange above is a full fence, so either that writer sees the spare or we see its claim.
        var active = Volatile.Read(ref _active);
        return Volatile.Read(ref active.Claimed) >= _capacity && TryHandOver(active);
    }

    /// <summary>The rows written and not yet taken: the ready buffer (full) and the one being filled.</summary>
    public override int PendingRows
    {
        get
        {
            var ready = Volatile.Read(ref _ready);
            var filling = Math.Min(Volatile.Read(ref Volatile.Read(ref _active).Written), _capacity);
            return filling + (ready is null ? 0 : Volatile.Read(ref ready.Written));
        }
    }

    /// <summary>Makes the full buffer ready and the spare active, when this caller's exchange takes the spare.</summary>
    private bool TryHandOver(Buffer full)
    {
        while (true)
        {
            var spare = Interlocked.Exchange(ref _spare, null);
            if (spare is null)
            {
                return false;
            }

            var active = Volatile.Read(ref _active);
            if (!ReferenceEquals(active, full))
            {
                // Someone handed this buffer over already (a writer delayed since its claim, or the evaluator and the
                // last writer both saw it full). Put the spare back; if the active buffer filled while we held the
                // spare, its hand-over was missed, so it is ours.
                Interlocked.Exchange(ref _spare, spare);
                if (Volatile.Read(ref active.Claimed) < _capacity)
                {
                    return false;
                }

                full = active;
                continue;
            }

            // Written is reset before Claimed: a writer still holding the old reference can claim only after the reset
            // of Claimed, so its row is never lost to a later reset of Written.
            Volatile.Write(ref spare.Written, 0);
            Volatile.Write(ref spare.Claimed, 0);
            Volatile.Write(ref _ready, full);
            Volatile.Write(ref _active, spare);
            return true;
        }
    }

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
