namespace MlObservability.Quality;

/// <summary>
/// A fixed set of counters over a sliding time window: a live <see cref="StripedCounters"/> plus a ring of closed
/// sub-window totals, rotated by a <see cref="TimeProvider"/> timer that drains the live counters atomically. Updating
/// costs one interlocked add; memory is bounded by the sub-window count.
/// </summary>
internal sealed class SlidingWindowCounters : IDisposable
{
    private readonly StripedCounters _live;
    private readonly long[][] _closed;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private int _next;
    private bool _disposed;

    public SlidingWindowCounters(int count, TimeSpan window, int subWindows, TimeProvider timeProvider)
    {
        _live = new StripedCounters(count);
        _closed = new long[subWindows - 1][];
        for (int i = 0; i < _closed.Length; i++)
        {
            _closed[i] = new long[count];
        }

        Window = window;
        var sub = window / subWindows;
        _timer = timeProvider.CreateTimer(static s => ((SlidingWindowCounters)s!).Rotate(), this, sub, sub);
    }

    public TimeSpan Window { get; }

    public int Count => _live.Count;

    public void Increment(int index) => _live.Add(index, 1);

    public void Add(int index, long value) => _live.Add(index, value);

    /// <summary>Totals inside the window (closed sub-windows plus the live one).</summary>
    public long[] Snapshot()
    {
        var totals = new long[Count];
        lock (_gate)
        {
            _live.CopyTo(totals, reset: false);
            foreach (var closed in _closed)
            {
                for (int i = 0; i < totals.Length; i++)
                {
                    totals[i] += closed[i];
                }
            }
        }

        return totals;
    }

    public void Rotate()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_closed.Length == 0)
            {
                Span<long> discard = new long[Count];
                _live.CopyTo(discard, reset: true);
                return;
            }

            var slot = _closed[_next];
            Array.Clear(slot);
            _live.CopyTo(slot, reset: true);
            _next = (_next + 1) % _closed.Length;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}
