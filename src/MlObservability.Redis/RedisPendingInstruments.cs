using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Redis;

/// <summary>The instruments of the Redis pending store, on the library's meter.</summary>
internal static class RedisPendingInstruments
{
    /// <summary>Tag key of the write outcome (Prometheus label <c>outcome</c>, as on <c>ml.drift.rows</c> and <c>ml.alerts.notifications</c>).</summary>
    internal const string OutcomeTag = "outcome";

    internal static readonly InstanceRegistry<RedisPendingStore> Live = new();

    private static readonly KeyValuePair<string, object?>[] Stored = [new(OutcomeTag, "stored")];
    private static readonly KeyValuePair<string, object?>[] Dropped = [new(OutcomeTag, "dropped")];
    private static readonly KeyValuePair<string, object?>[] Failed = [new(OutcomeTag, "failed")];
    private static readonly KeyValuePair<string, object?>[] Duplicate = [new(OutcomeTag, "duplicate")];

    internal static readonly ObservableCounter<long> Writes = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.pending.store", ObserveWrites, "{prediction}",
        "Sampled predictions sent to the shared pending store, by outcome: stored, dropped (write queue full), failed (store unreachable; both kept in the local store), duplicate (id already stored).");

    internal static readonly ObservableCounter<long> LookupFailures = MlTelemetry.Meter.CreateObservableCounter(
        "ml.quality.pending.store.lookup_failures", ObserveLookupFailures, "{label}", "Label lookups that could not reach the shared pending store and were answered by the local store.");

    internal static readonly ObservableUpDownCounter<long> Queue = MlTelemetry.Meter.CreateObservableUpDownCounter(
        "ml.quality.pending.store.queue", ObserveQueue, "{prediction}", "Sampled predictions waiting in process to be written to the shared pending store.");

    private static IEnumerable<Measurement<long>> ObserveWrites()
    {
        foreach (var store in Live.Items)
        {
            yield return new(store.StoredCount, Stored);
            yield return new(store.DroppedCount, Dropped);
            yield return new(store.FailedCount, Failed);
            yield return new(store.DuplicateCount, Duplicate);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveLookupFailures()
    {
        foreach (var store in Live.Items)
        {
            yield return new(store.LookupFailedCount);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveQueue()
    {
        foreach (var store in Live.Items)
        {
            yield return new(store.QueueLength);
        }
    }
}
