using System.Collections.Concurrent;
using MlObservability.Diagnostics;

namespace MlObservability.Cardinality;

/// <summary>
/// Assigns small indexes to label values (class names, error types, segments) up to a fixed limit; later values share
/// one overflow slot labelled <see cref="SemanticConventions.OverflowValue"/>. Lookups of known values are lock-free and
/// allocation-free; memory stays bounded whatever the input.
/// </summary>
internal sealed class BoundedLabelSet
{
    private readonly ConcurrentDictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly string[] _labels;
    private readonly object _gate = new();
    private readonly string _component;
    private readonly string _what;
    private int _count;
    private long _overflowed;
    private int _warned;

    public BoundedLabelSet(int limit, string component, string what)
    {
        Guard.InRange(limit, 1, 100_000);
        Limit = limit;
        _labels = new string[limit + 1];
        _labels[limit] = SemanticConventions.OverflowValue;
        _component = component;
        _what = what;
    }

    /// <summary>Maximum number of distinct labels; the overflow slot is extra.</summary>
    public int Limit { get; }

    /// <summary>Index of the overflow slot (equal to <see cref="Limit"/>).</summary>
    public int OverflowIndex => Limit;

    /// <summary>Number of distinct labels seen so far (at most <see cref="Limit"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>How many lookups were sent to the overflow slot.</summary>
    public long OverflowedLookups => Interlocked.Read(ref _overflowed);

    /// <summary>The label of an index (the overflow label for <see cref="OverflowIndex"/>).</summary>
    public string LabelAt(int index) => _labels[index];

    /// <summary>Returns the index of a label, adding it while under the limit.</summary>
    public int GetOrAdd(string label)
    {
        if (_indexes.TryGetValue(label, out int index))
        {
            return index;
        }

        return AddSlow(label);
    }

    /// <summary>Returns the index of a known label without adding it, or -1.</summary>
    public int IndexOf(string label) => _indexes.TryGetValue(label, out int index) ? index : -1;

    private int AddSlow(string label)
    {
        lock (_gate)
        {
            if (_indexes.TryGetValue(label, out int index))
            {
                return index;
            }

            if (_count >= Limit)
            {
                Interlocked.Increment(ref _overflowed);
                if (Interlocked.Exchange(ref _warned, 1) == 0)
                {
                    MlObservabilityEventSource.Log.CardinalityLimitReached(_component, Limit, _what);
                }

                return OverflowIndex;
            }

            index = _count;
            _labels[index] = label;
            _indexes[label] = index;
            Volatile.Write(ref _count, index + 1);
            return index;
        }
    }
}
