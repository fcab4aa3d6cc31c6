namespace MlObservability.Drift;

/// <summary>Accumulates one feature's reference values: reservoir sample, Welford moments, range, category counts.</summary>
internal sealed class FeatureProfileBuilder
{
    private readonly string _name;
    private readonly FeatureKind _kind;
    private readonly int _sampleSize;
    private readonly int _maxCategories;
    private readonly Random _random;
    private readonly List<double> _sample = [];
    private readonly SortedDictionary<double, long> _categories = [];
    private long _count;
    private long _missing;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _mean;
    private double _m2;

    public FeatureProfileBuilder(string name, FeatureKind kind, int sampleSize, int maxCategories, int seed)
    {
        _name = name;
        _kind = kind;
        _sampleSize = sampleSize;
        _maxCategories = maxCategories;
        _random = new Random(seed);
    }

    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            _missing++;
            return;
        }

        _count++;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        if (_kind == FeatureKind.Categorical)
        {
            if (_categories.TryGetValue(value, out var c))
            {
                _categories[value] = c + 1;
            }
            else if (_categories.Count < _maxCategories)
            {
                _categories[value] = 1;
            }

            return;
        }

        if (_sample.Count < _sampleSize)
        {
            _sample.Add(value);
        }
        else
        {
            var j = _random.NextInt64(_count);
            if (j < _sampleSize)
            {
                _sample[(int)j] = value;
            }
        }
    }

    public void AddMissing(long count) => _missing += count;

    public FeatureProfile Build()
    {
        var sample = _sample.ToArray();
        Array.Sort(sample);
        var empty = _count == 0;
        return new FeatureProfile(
            _name, _kind, _count, _missing,
            empty ? double.NaN : _min,
            empty ? double.NaN : _max,
            empty ? double.NaN : _mean,
            empty ? double.NaN : Math.Sqrt(_m2 / _count),
            sample,
            [.. _categories.Keys],
            [.. _categories.Values]);
    }
}
