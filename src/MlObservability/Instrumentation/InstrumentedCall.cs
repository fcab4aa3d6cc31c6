using System.ComponentModel;
using System.Diagnostics;

namespace MlObservability.Instrumentation;

/// <summary>
/// One call in progress on an <see cref="InstrumentedEndpoint"/>: its start timestamp and span. Used by generated
/// decorators; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct InstrumentedCall
{
    internal InstrumentedCall(long startTimestamp, Activity? activity, int batchSize)
    {
        StartTimestamp = startTimestamp;
        Activity = activity;
        BatchSize = batchSize;
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the call started.</summary>
    public long StartTimestamp { get; }

    /// <summary>Items in the call (rows of a <c>[FeatureVector]</c> batch); 1 for a single row.</summary>
    public int BatchSize { get; }

    /// <summary>The span of the call; <see langword="null"/> when nobody listens to the activity source.</summary>
    public Activity? Activity { get; }
}
