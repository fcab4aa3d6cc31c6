namespace MlObservability.Drift.Streaming;

/// <summary>
/// The Page-Hinkley test (Page 1954; Hinkley 1971; as in river and Frouros): on standardised values z with running mean
/// z̄, the cumulative sum m_T = Σ (z_t − z̄_t − δ) against its minimum signals an increase when m_T − min m &gt; λ, and the
/// mirror statistic a decrease. δ is half of <see cref="SequentialDetectorOptions.ShiftToDetect"/> and λ comes from the
/// configured average run length (Siegmund's CUSUM approximation, which Page-Hinkley follows once z̄ has settled).
/// After a change every statistic restarts, including the warm-up of estimated parameters.
/// Not thread-safe; <see cref="Update"/> is O(1) and allocation-free.
/// </summary>
public sealed class PageHinkleyDetector : IChangeDetector
{
    private readonly double _delta;
    private readonly double _lambda;
    private readonly ChangeDirection _direction;
    private Standardiser _standardiser;
    private long _count;
    private long _scored;
    private double _zMean;
    private double _up;
    private double _upMin;
    private double _down;
    private double _downMax;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">Run length or threshold, shift, in-control parameters; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message says which.</exception>
    public PageHinkleyDetector(SequentialDetectorOptions? options = null)
    {
        options ??= new SequentialDetectorOptions();
        options.Validate(nameof(PageHinkleyDetector));
        _delta = options.ReferenceValue;
        _lambda = options.ResolveThreshold();
        _direction = options.Direction;
        _standardiser = new Standardiser(options.Mean, options.StandardDeviation, options.WarmupCount);
    }

    /// <inheritdoc/>
    public string Method => "page_hinkley";

    /// <inheritdoc/>
    public double Statistic => Math.Max(_up - _upMin, _downMax - _down);

    /// <inheritdoc/>
    public double Threshold => _lambda;

    /// <inheritdoc/>
    public double Mean => _standardiser.Ready ? _standardiser.Mean : double.NaN;

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
        if (!_standardiser.TryStandardise(value, out var z))
        {
            return false;
        }

        _scored++;
        _zMean += (z - _zMean) / _scored;
        _up += z - _zMean - _delta;
        _upMin = Math.Min(_upMin, _up);
        _down += z - _zMean + _delta;
        _downMax = Math.Max(_downMax, _down);
        var change = (_direction != ChangeDirection.Decrease && _up - _upMin > _lambda)
            || (_direction != ChangeDirection.Increase && _downMax - _down > _lambda);
        if (change)
        {
            Changes++;
            Restart();
        }

        return change;
    }

    /// <inheritdoc/>
    public void Reset() => Restart();

    private void Restart()
    {
        _count = 0;
        _scored = 0;
        _zMean = 0;
        _up = _upMin = _down = _downMax = 0;
        _standardiser.Reset();
    }
}
