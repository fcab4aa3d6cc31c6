using MlObservability.Diagnostics;

namespace MlObservability.Histograms;

/// <summary>
/// A <see cref="LogHistogram"/> over a sliding time window ("p95 over the last 5 minutes"): a ring of sub-window
/// snapshots plus the live sub-window. Recording costs the same as <see cref="LogHistogram.Record(double)"/>; a timer from the
/// <see cref="TimeProvider"/> closes a sub-window every <see cref="SubWindow"/> by draining the live histogram
/// atomically, so no write is lost. Memory is bounded by the sub-window count.
/// </summary>
/// <remarks>
/// A snapshot covers the closed sub-windows still inside <see cref="Window"/> plus the live one, i.e. between
/// <see cref="Window"/> minus one <see cref="SubWindow"/> and <see cref="Window"/> of history.
/// </remarks>
public sealed class SlidingWindowHistogram : IDisposable
{
    private readonly LogHistogram _live;
    private readonly HistogramSnapshot?[] _closed;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private int _next;
    private bool _disposed;

    /// <summary>Creates a sliding-window histogram.</summary>
    /// <param name="window">Length of history kept, for example 5 minutes.</param>
    /// <param name="subWindows">Number of sub-windows the window is divided into (2 to 1,440); more gives a smoother slide.</param>
    /// <param name="options">Histogram range and accuracy; the latency defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">Clock and timer source; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public SlidingWindowHistogram(TimeSpan window, int subWindows = 10, LogHistogramOptions? options = null, TimeProvider? timeProvider = null)
    {
        Guard.Positive(window);
        Guard.InRange(subWindows, 2, 1440);
        Window = window;
        SubWindow = window / subWindows;
        Guard.Positive(SubWindow, nameof(window) + " / " + nameof(subWindows));
        _live = new LogHistogram(options ?? LogHistogramOptions.Latency);
        _closed = new HistogramSnapshot?[subWindows - 1];
        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(static state => ((SlidingWindowHistogram)state!).Rotate(), this, SubWindow, SubWindow);
    }

    /// <summary>The length of history covered.</summary>
    public TimeSpan Window { get; }

    /// <summary>The length of one sub-window: the granularity at which old values leave the window.</summary>
    public TimeSpan SubWindow { get; }

    /// <summary>The guaranteed relative error of quantiles.</summary>
    public double RelativeAccuracy => _live.RelativeAccuracy;

    /// <summary>Bytes of the live histogram, fixed at construction; each closed sub-window adds one trimmed snapshot (at most the same size without stripes).</summary>
    public long AllocatedBytes => _live.AllocatedBytes;

    /// <summary>Records one value into the live sub-window; lock-free, allocation-free, never throws.</summary>
    /// <param name="value">The value.</param>
    public void Record(double value) => _live.Record(value);

    /// <summary>A snapshot of the values inside the window.</summary>
    /// <returns>The merged snapshot of the closed sub-windows and the live one.</returns>
    public HistogramSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            var result = _live.Snapshot();
            foreach (var closed in _closed)
            {
                if (closed is not null)
                {
                    result = result.Merge(closed);
                }
            }

            return result;
        }
    }

    /// <summary>
    /// Closes the live sub-window now. The timer calls this every <see cref="SubWindow"/>; call it yourself only to
    /// drive the window from your own schedule.
    /// </summary>
    public void Rotate()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var closed = _live.SnapshotAndReset();
            if (_closed.Length > 0)
            {
                _closed[_next] = closed;
                _next = (_next + 1) % _closed.Length;
            }
        }
    }

    /// <summary>Stops the rotation timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}
