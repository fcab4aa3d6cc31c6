namespace MlObservability.Drift.Streaming;

/// <summary>
/// Turns raw values into standard scores with a given or warm-up-estimated (Welford) in-control mean and standard
/// deviation. Allocation-free.
/// </summary>
internal struct Standardiser
{
    private readonly double? _givenMean;
    private readonly double? _givenSd;
    private readonly int _warmup;
    private long _n;
    private double _mean;
    private double _m2;
    private double _scaleMean;
    private double _scale;

    public Standardiser(double? mean, double? sd, int warmup)
    {
        _givenMean = mean;
        _givenSd = sd;
        _warmup = warmup;
        Reset();
    }

    /// <summary>Whether standard scores are available (parameters given, or the warm-up has ended).</summary>
    public readonly bool Ready => _n >= _warmup || (_givenMean is not null && _givenSd is not null);

    /// <summary>The in-control mean in use (NaN while warming up).</summary>
    public readonly double Mean => _scaleMean;

    /// <summary>Feeds a value; returns false while warming up.</summary>
    public bool TryStandardise(double x, out double z)
    {
        if (!Ready)
        {
            _n++;
            var d = x - _mean;
            _mean += d / _n;
            _m2 += d * (x - _mean);
            if (_n == _warmup)
            {
                _scaleMean = _givenMean ?? _mean;
                var sd = _givenSd ?? Math.Sqrt(_m2 / (_n - 1));
                _scale = sd > 0 ? 1 / sd : 1;
            }

            z = 0;
            return false;
        }

        z = (x - _scaleMean) * _scale;
        return true;
    }

    /// <summary>Starts a new warm-up for what is not given.</summary>
    public void Reset()
    {
        _n = 0;
        _mean = 0;
        _m2 = 0;
        _scaleMean = _givenMean ?? double.NaN;
        _scale = _givenSd is { } sd ? 1 / sd : double.NaN;
    }
}
