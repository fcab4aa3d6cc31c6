namespace MlObservability;

/// <summary>
/// The live instances behind one set of observable instruments. Instruments are created once per process on the shared
/// meter; their callbacks enumerate the registered instances. Adding is O(1) (a set insert under a lock); the array that
/// callbacks enumerate is rebuilt at most once per change, on the next read, so enumeration never locks a writer out for
/// long and N adds cost O(N), not O(N²).
/// </summary>
internal sealed class InstanceRegistry<T>
    where T : class
{
    private readonly object _gate = new();
    private readonly HashSet<T> _set = new(ReferenceEqualityComparer.Instance);
    private T[]? _snapshot = [];

    /// <summary>How many instances are registered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _set.Count;
            }
        }
    }

    /// <summary>The instances registered now (a snapshot; rebuilt after a change, on the first read).</summary>
    public T[] Items
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null)
            {
                return snapshot;
            }

            lock (_gate)
            {
                snapshot = _snapshot ??= [.. _set];
                return snapshot;
            }
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            if (_set.Add(item))
            {
                Volatile.Write(ref _snapshot, null);
            }
        }
    }

    public void Remove(T item)
    {
        lock (_gate)
        {
            if (_set.Remove(item))
            {
                Volatile.Write(ref _snapshot, null);
            }
        }
    }
}
