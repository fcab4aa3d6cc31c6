namespace MlObservability.Drift.Streaming;

/// <summary>
/// ADWIN (ADaptive WINdowing; Bifet &amp; Gavaldà, "Learning from time-changing data with adaptive windowing", SDM 2007):
/// keeps the longest recent window whose every split into an older part W₀ and a newer part W₁ has means closer than
/// ε_cut = √(2/m · σ²_W · ln(2/δ')) + 2/(3m) · ln(2/δ'), m the harmonic mean of |W₀| and |W₁|, δ' = δ / ln|W|; when a
/// split differs by more, the older buckets are dropped and a change is signalled. The window is stored as an
/// exponential histogram (ADWIN2): at most M buckets of each size 2ⁱ, merged pairwise, so memory is O(M·log(W/M)) and
/// only bucket boundaries are tested. Fixed arrays sized once: <see cref="Update"/> is O(1) amortised (checks every
/// <see cref="AdwinOptions.Clock"/> updates) and allocation-free. Not thread-safe.
/// </summary>
public sealed class AdwinDetector : IChangeDetector
{
    private const int MaxRows = 64;
    private readonly double _delta;
    private readonly int _m;
    private readonly int _clock;
    private readonly int _minLength;
    private readonly int _grace;
    private readonly double[] _totals;
    private readonly double[] _variances;
    private readonly int[] _rowCounts;
    private int _rows;
    private long _width;
    private double _total;
    private double _variance;
    private long _tick;
    private long _count;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">δ, M, clock; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message says which.</exception>
    public AdwinDetector(AdwinOptions? options = null)
    {
        options ??= new AdwinOptions();
        options.Validate();
        _delta = options.Delta;
        _m = options.MaxBuckets;
        _clock = options.Clock;
        _minLength = options.MinWindowLength;
        _grace = options.GracePeriod;
        _totals = new double[MaxRows * (_m + 1)];
        _variances = new double[MaxRows * (_m + 1)];
        _rowCounts = new int[MaxRows];
    }

    /// <inheritdoc/>
    public string Method => "adwin";

    /// <summary>The window width |W|.</summary>
    public double Statistic => _width;

    /// <summary>NaN: ADWIN's cut bound depends on the split.</summary>
    public double Threshold => double.NaN;

    /// <summary>The mean of the window (the estimate of the current mean).</summary>
    public double Mean => _width == 0 ? double.NaN : _total / _width;

    /// <summary>The population variance of the window.</summary>
    public double Variance => _width == 0 ? double.NaN : _variance / _width;

    /// <summary>The window width |W|: how many of the latest values the window holds.</summary>
    public long Width => _width;

    /// <summary>Buckets in use (at most M + 1 per size; O(M·log(W/M))).</summary>
    public int BucketCount
    {
        get
        {
            var n = 0;
            for (var r = 0; r < _rows; r++)
            {
                n += _rowCounts[r];
            }

            return n;
        }
    }

    /// <summary>The confidence δ.</summary>
    public double Delta => _delta;

    /// <inheritdoc/>
    public long Count => _count;

    /// <inheritdoc/>
    public long Changes { get; private set; }

    /// <inheritdoc/>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        _count++;
        Insert(value);
        _tick++;
        if (_tick % _clock != 0 || _width <= _grace)
        {
            return false;
        }

        var change = DetectChange();
        if (change)
        {
            Changes++;
            _count = _width;
        }

        return change;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(_rowCounts);
        _rows = 0;
        _width = 0;
        _total = 0;
        _variance = 0;
        _tick = 0;
        _count = 0;
    }

    private void Insert(double x)
    {
        _width++;
        if (_width > 1)
        {
            var d = x - (_total / (_width - 1));
            _variance += (_width - 1) * d * d / _width;
        }

        _total += x;
        if (_rows == 0)
        {
            _rows = 1;
        }

        Append(0, x, 0);
        Compress();
    }

    private void Append(int row, double total, double variance)
    {
        var i = (row * (_m + 1)) + _rowCounts[row]++;
        _totals[i] = total;
        _variances[i] = variance;
    }

    private void RemoveOldest(int row, int how)
    {
        var start = row * (_m + 1);
        var count = _rowCounts[row] - how;
        for (var i = start; i < start + count; i++)
        {
            _totals[i] = _totals[i + how];
            _variances[i] = _variances[i + how];
        }

        _rowCounts[row] = count;
    }

    private void Compress()
    {
        for (var row = 0; row < MaxRows - 1 && _rowCounts[row] > _m; row++)
        {
            var start = row * (_m + 1);
            var n = (double)(1L << row);
            var t0 = _totals[start];
            var t1 = _totals[start + 1];
            var d = (t0 - t1) / n;
            var variance = _variances[start] + _variances[start + 1] + (n * n * d * d / (2 * n));
            RemoveOldest(row, 2);
            if (row + 1 == _rows)
            {
                _rows++;
            }

            Append(row + 1, t0 + t1, variance);
        }
    }

    private void DeleteOldestBucket()
    {
        var row = _rows - 1;
        var start = row * (_m + 1);
        var n = (long)1 << row;
        var t = _totals[start];
        _width -= n;
        _total -= t;
        if (_width > 0)
        {
            var d = (t / n) - (_total / _width);
            _variance -= _variances[start] + (n * _width * d * d / (n + _width));
        }
        else
        {
            _variance = 0;
        }

        if (_variance < 0)
        {
            _variance = 0;
        }

        RemoveOldest(row, 1);
        if (_rowCounts[row] == 0)
        {
            _rows--;
        }
    }

    private bool DetectChange()
    {
        var changed = false;
        var reduce = true;
        while (reduce && _width > _minLength * 2)
        {
            reduce = false;
            var dd = Math.Log(2 * Math.Log(_width) / _delta);
            var v = _variance / _width;
            double n0 = 0, n1 = _width, u0 = 0, u1 = _total;
            for (var row = _rows - 1; row >= 0 && !reduce; row--)
            {
                var size = (double)((long)1 << row);
                var start = row * (_m + 1);
                var count = _rowCounts[row];
                for (var i = 0; i < count; i++)
                {
                    var t = _totals[start + i];
                    n0 += size;
                    n1 -= size;
                    u0 += t;
                    u1 -= t;
                    if (n1 < _minLength)
                    {
                        break;
                    }

                    if (n0 >= _minLength)
                    {
                        // |μ₀ − μ₁| > √(2·m·σ²·dd) + ⅔·dd·m, tested without the square root.
                        var m = (1 / (n0 - _minLength + 1)) + (1 / (n1 - _minLength + 1));
                        var excess = Math.Abs((u0 / n0) - (u1 / n1)) - (2.0 / 3.0 * dd * m);
                        if (excess > 0 && excess * excess > 2 * m * v * dd)
                        {
                            reduce = true;
                            changed = true;
                            DeleteOldestBucket();
                            break;
                        }
                    }
                }
            }
        }

        return changed;
    }
}
