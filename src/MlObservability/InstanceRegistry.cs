namespace MlObservability;

/// <summary>
/// The live instances behind one set of observable instruments. Instruments are created once per process on the shared
/// meter; their callbacks enumerate the registered instances. Registration is copy-on-write, so enumeration never locks.
/// </summary>
internal sealed class InstanceRegistry<T>
    where T : class
{
    private readonly object _gate = new();
    private T[] _items = [];

    /// <summary>The instances registered now.</summary>
    public T[] Items => Volatile.Read(ref _items);

    public void Add(T item)
    {
        lock (_gate)
        {
            _items = [.. _items, item];
        }
    }

    public void Remove(T item)
    {
        lock (_gate)
        {
            _items = Array.FindAll(_items, i => !ReferenceEquals(i, item));
        }
    }
}
