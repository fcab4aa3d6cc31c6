namespace MlObservability.Quality;

/// <summary>The most recent labelled predictions (a ring of fixed capacity), safe for concurrent adds and copies.</summary>
internal sealed class LabelledWindow
{
    private readonly LabelledPrediction[] _ring;
    private readonly object _gate = new();
    private long _added;

    public LabelledWindow(int capacity) => _ring = new LabelledPrediction[capacity];

    public int Capacity => _ring.Length;

    /// <summary>Labelled predictions added since creation.</summary>
    public long AddedCount => Interlocked.Read(ref _added);

    public void Add(in LabelledPrediction item)
    {
        lock (_gate)
        {
            _ring[(int)(_added % _ring.Length)] = item;
            _added++;
        }
    }

    /// <summary>The retained items, oldest first.</summary>
    public LabelledPrediction[] ToArray()
    {
        lock (_gate)
        {
            int count = (int)Math.Min(_added, _ring.Length);
            var items = new LabelledPrediction[count];
            int start = (int)((_added - count) % _ring.Length);
            for (int i = 0; i < count; i++)
            {
                items[i] = _ring[(start + i) % _ring.Length];
            }

            return items;
        }
    }
}
