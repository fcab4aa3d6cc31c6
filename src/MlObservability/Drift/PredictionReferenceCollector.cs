namespace MlObservability.Drift;

/// <summary>Captures the first N production values of a model output as its reference, lock-free and bounded.</summary>
internal sealed class PredictionReferenceCollector(int size)
{
    private readonly double[] _values = new double[size];
    private int _claimed;
    private int _written;

    /// <summary>Whether the collector has taken all the values it wants (the output is then windowed).</summary>
    public bool IsFull => Volatile.Read(ref _claimed) >= _values.Length;

    /// <summary>Takes a value while the reference is incomplete; <see langword="false"/> once it is full.</summary>
    public bool TryAdd(double value)
    {
        if (Volatile.Read(ref _claimed) >= _values.Length)
        {
            return false;
        }

        var index = Interlocked.Increment(ref _claimed) - 1;
        if (index >= _values.Length)
        {
            return false;
        }

        _values[index] = value;
        Interlocked.Increment(ref _written);
        return true;
    }

    /// <summary>The captured values once all are written; <see langword="null"/> before.</summary>
    public double[]? TryGetComplete() => Volatile.Read(ref _written) >= _values.Length ? _values : null;
}
