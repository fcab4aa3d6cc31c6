using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>What a request id may cost: a maximum length, and a pending store bounded in bytes that holds each id once.</summary>
public sealed class RequestIdBoundsTests
{
    private static QualityMonitorOptions SampleEverything(FakeTimeProvider time) => new()
    {
        ClassLabels = ["ham", "spam"],
        Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        PendingTimeToLive = TimeSpan.FromHours(1),
        TimeProvider = time,
    };

    private static PendingPrediction At(string id, long ticks) => new(id, PredictionKind.Classification, 1, 0.9, double.NaN, -1, ticks);

    [Test]
    public void An_id_longer_than_the_maximum_is_not_sampled_its_label_is_invalid_and_both_are_counted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var monitor = new QualityMonitor("m", "1", SampleEverything(time));
        string huge = new('x', 1 << 20);
        string longest = new('y', RequestIdHash.MaxRequestIdLength);
        monitor.RecordClassification("spam", 0.9, huge);
        monitor.RecordClassification("spam", 0.9, longest);
        Assert.Multiple(() =>
        {
            Assert.That(monitor.PendingCount, Is.EqualTo(1), "only the id within the maximum is pending");
            Assert.That(monitor.RecordGroundTruth(huge, "spam"), Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(monitor.RecordGroundTruth(longest, "spam"), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(monitor.RejectedRequestIdCount, Is.EqualTo(2), "the prediction and the label");
            Assert.That(monitor.LabelCount(GroundTruthOutcome.Invalid), Is.EqualTo(1));
        });
    }

    [Test]
    public void The_pending_store_is_bounded_in_bytes_as_well_as_entries()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        const long maxBytes = 256 << 10;
        using var monitor = new QualityMonitor("m", "1", SampleEverything(time) with { PendingCapacity = 100_000, PendingMaxBytes = maxBytes });
        for (int i = 0; i < 10_000; i++)
        {
            string id = i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('k', RequestIdHash.MaxRequestIdLength - 6);
            monitor.RecordClassification("spam", 0.9, id);
            Assert.That(monitor.PendingBytes, Is.LessThanOrEqualTo(maxBytes));
        }

        long perEntry = PendingPredictionStore.EntryBytes(new string('k', RequestIdHash.MaxRequestIdLength));
        Assert.Multiple(() =>
        {
            Assert.That(monitor.PendingCount, Is.LessThanOrEqualTo((int)(maxBytes / perEntry)));
            Assert.That(monitor.PendingCount, Is.GreaterThan((int)(maxBytes / perEntry) / 2), "the bound is used, not undershot");
            Assert.That(monitor.EvictedForBytesPredictionCount + monitor.PendingCount, Is.EqualTo(10_000), "every prediction is pending or counted as evicted");
            Assert.That(monitor.EvictedPredictionCount, Is.Zero, "the entry capacity was never the limit");
            Assert.That(() => SampleEverything(time) with { PendingMaxBytes = 1000 }, Throws.Nothing);
            Assert.That(() => new QualityMonitor("m2", "1", SampleEverything(time) with { PendingMaxBytes = 1000 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("PendingMaxBytes"));
        });
    }

    [Test]
    public void A_forgotten_id_is_remembered_by_hash_so_the_store_keeps_no_copy_of_it()
    {
        var store = new PendingPredictionStore(10, TimeSpan.FromHours(1));
        var joined = AddAndTake(store, "joined-id", takeIt: true);
        var evicted = AddAndTake(store, "evicted-id", takeIt: false);
        for (int i = 0; i < 10; i++)
        {
            store.TryAdd(At("filler-" + i, 1)); // evicts "evicted-id"
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Multiple(() =>
        {
            Assert.That(joined.IsAlive, Is.False, "a joined id's string is not kept");
            Assert.That(evicted.IsAlive, Is.False, "an evicted id's string is not kept");
            Assert.That(store.TryTake(new string("joined-id".AsSpan()), 2, out _), Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(store.TryTake(new string("evicted-id".AsSpan()), 2, out _), Is.EqualTo(GroundTruthOutcome.Expired));
            Assert.That(store.Bytes, Is.EqualTo((10 * PendingPredictionStore.EntryBytes("filler-0")) + (2 * PendingPredictionStore.ForgottenEntryBytes)));
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AddAndTake(PendingPredictionStore store, string text, bool takeIt)
    {
        string id = new(text.AsSpan()); // a fresh string, not the interned literal
        store.TryAdd(At(id, 0));
        if (takeIt)
        {
            store.TryTake(new string(text.AsSpan()), 1, out _);
        }

        return new WeakReference(id);
    }
}
