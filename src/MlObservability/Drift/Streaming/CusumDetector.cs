namespace MlObservability.Drift.Streaming;

/// <summary>
/// Page's tabular CUSUM on standardised values z: S⁺ = max(0, S⁺ + z − k), S⁻ = max(0, S⁻ − z − k), a change when
/// either exceeds h. k is half of <see cref="SequentialDetectorOptions.ShiftToDetect"/>; h is set from the configured
/// in-control average run length with Siegmund's approximation, or given. After a change the sums restart (and the
/// warm-up of parameters that were estimated rather than given). Not thread-safe; <see cref="Update"/> is O(1) and
/// allocation-free.
/// </summary>
public sealed class CusumDetector : IChangeDetector
{
    private readonly double _k;
    private readonly double _h;
    private readonly ChangeDirection _direction;
    private Standardiser _standardiser;
    private long _count;
    private double _upper;
    private double _lower;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">Run length or threshold, shift, in-control parameters; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message says which.</exception>
    public CusumDetector(SequentialDetectorOptions? options = null)
    {
        options ??= new SequentialDetectorOptions();
        options.Validate(nameof(CusumDetector));
        _k = options.ReferenceValue;
        _h = options.ResolveThreshold();
        _direction = options.Direction;
        _standardiser = new Standardiser(options.Mean, options.StandardDeviation, options.WarmupCount);
    }

    /// <inheritdoc/>
    public string Method => "cusum";

    /// <inheritdoc/>
    public double Statistic => Math.Max(_upper, _lower);

    /// <inheritdoc/>
    public double Threshold => _h;

    /// <inheritdoc/>
    public double Mean => _standardiser.Ready ? _standardiser.Mean : double.NaN;

    /// <inheritdoc/>
    public long Count => _count;

    /// <inheritdoc/>
    public long Changes { get; private set; }

    /// <summary>The upper (increase) sum S⁺ in standard deviations.</summary>
    public double Upper => _upper;

    /// <summary>The lower (decrease) sum S⁻ in standard deviations.</summary>
    public double Lower => _lower;

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

        if (_direction != ChangeDirection.Decrease)
        {
            _upper = Math.Max(0, _upper + z - _k);
        }

        if (_direction != ChangeDirection.Increase)
        {
            _lower = Math.Max(0, _lower - z - _k);
        }

        if (_upper > _h || _lower > _h)
        {
            Changes++;
            Restart();
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public void Reset() => Restart();

    private void Restart()
    {
        _count = 0;
        _upper = _lower = 0;
        _standardiser.Reset();
    }
}
