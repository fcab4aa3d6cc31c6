using System.Numerics;
using System.Runtime.CompilerServices;
using MlObservability.Concurrency;
using MlObservability.Diagnostics;

namespace MlObservability.Inference;

/// <summary>
/// Holds the <c>ml.inference.duration</c> and <c>ml.inference.batch.size</c> measurements of one
/// <see cref="InferenceMetrics"/> in per-thread buffers and hands them to the synchronous OpenTelemetry histograms in
/// blocks, so that threads recording at once do not take turns on one lock.
/// </summary>
/// <remarks>
/// <para>
/// OpenTelemetry .NET updates a histogram's data point under a spin lock held per series. Every call of a model
/// endpoint records into the same series, so two threads recording at once hand that lock's cache line back and forth
/// on every call: on a 2-core machine two threads completed fewer calls per second than one (issue 16, target 4). Here
/// a thread writes each measurement into a buffer it owns with plain stores. Each time a thread completes a block of
/// <see cref="Capacity"/> measurements, it replays what every thread has pending into the histograms, value by value
/// with the tags the synchronous call would have had, unless another thread is already replaying: one thread at a
/// time per histogram (flat combining), so each lock stays in one core's cache while the other threads go on recording.
/// The two histograms are replayed independently, each under its own flag and from its own read position in every
/// buffer, so two threads that complete blocks at once replay one histogram each instead of one waiting for the other.
/// </para>
/// <para>
/// Nothing is lost or changed: every measurement reaches the histograms once, with its exact value. Everything pending
/// is also replayed when a listener collects the library's observable instruments (each OpenTelemetry export or
/// Prometheus scrape, before the histograms are read) and when the endpoint is disposed. A listener that never collects
/// observable instruments sees a thread's durations in blocks. A thread whose stripe another thread owns, a thread whose
/// buffer is full (four blocks) while another thread replays, and a batch size above <see cref="MaxBufferedBatchSize"/>
/// record synchronously, as before. A stripe is picked by managed thread id and belongs to the first thread that
/// records into it; its buffer (4 × <see cref="Capacity"/> measurements, 3 KB) is created then, at most one per
/// stripe, so memory stays bounded however many threads come and go (an ended thread's id, reused by the runtime,
/// brings its stripe to the new thread, as in <see cref="Histograms.LogHistogram"/>).
/// </para>
/// </remarks>
internal sealed class InferenceMeasurementBuffer
{
    /// <summary>Measurements in a block: each time a thread fills one, it hands every buffer's pending measurements
    /// over, unless another thread is doing so. A thread's buffer holds four blocks, so it goes on recording while
    /// another thread replays.</summary>
    public const int Capacity = 64;

    private const int RingSize = 4 * Capacity;

    /// <summary>The largest batch size kept in a buffer (the rest record synchronously).</summary>
    public const int MaxBufferedBatchSize = (1 << 29) - 1;

    private const int OutcomeBits = 2;
    private const int OutcomeMask = (1 << OutcomeBits) - 1;

    private readonly Stripe?[] _stripes;
    private readonly int _stripeMask;
    private readonly KeyValuePair<string, object?>[] _baseTags;
    private readonly KeyValuePair<string, object?>[][] _outcomeTags;

    // One thread at a time hands measurements of a histogram over, for every stripe: the histograms take a lock per
    // series, so two threads replaying one at once would take turns on it value by value, where one replaying thread
    // keeps it in its cache. Each histogram has its own flag, so two threads can replay one each.
    private int _replayingDurations;
    private int _replayingBatchSizes;

    public InferenceMeasurementBuffer(KeyValuePair<string, object?>[] baseTags, KeyValuePair<string, object?>[][] outcomeTags)
    {
        _baseTags = baseTags;
        _outcomeTags = outcomeTags;

        // Twice as many stripes as cores (4 to 64), so that threads with neighbouring ids rarely share one.
        int stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 4, 64));
        _stripes = new Stripe?[stripes];
        _stripeMask = stripes - 1;
    }

    /// <summary>Number of stripes (the most buffers this endpoint can hold).</summary>
    public int StripeCount => _stripes.Length;

    /// <summary>Measurements written into buffers and not replayed yet.</summary>
    public long Pending
    {
        get
        {
            long pending = 0;
            foreach (var stripe in _stripes)
            {
                if (stripe is not null)
                {
                    pending += Volatile.Read(ref stripe.Head) - stripe.OldestTail;
                }
            }

            return pending;
        }
    }

    /// <summary>Records one completed call's duration and batch size; never throws on its own account.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(double durationSeconds, InferenceOutcome outcome, int batchSize)
    {
        int thread = CurrentThread.Id;
        var stripe = _stripes[thread & _stripeMask];
        if (stripe is null || stripe.Owner != thread || batchSize > MaxBufferedBatchSize)
        {
            RecordUnowned(thread, durationSeconds, outcome, batchSize);
            return;
        }

        Append(stripe, durationSeconds, outcome, batchSize);
    }

    /// <summary>Replays every buffer into the histograms, waiting for a replay in progress to finish; called when a
    /// listener collects, and on dispose.</summary>
    public void ReplayAll()
    {
        var spin = default(SpinWait);
        while (!TryReplay(ref _replayingDurations, durations: true))
        {
            spin.SpinOnce();
        }

        spin = default;
        while (!TryReplay(ref _replayingBatchSizes, durations: false))
        {
            spin.SpinOnce();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(Stripe stripe, double durationSeconds, InferenceOutcome outcome, int batchSize)
    {
        long head = stripe.Head;
        if (head - stripe.OldestTail >= RingSize)
        {
            // Full: the slot is free again once both histograms have read past it, by this replay or another.
            TryReplayAll();
            if (head - stripe.OldestTail >= RingSize)
            {
                RecordNow(durationSeconds, outcome, batchSize);
                return;
            }
        }

        int slot = (int)(head & (RingSize - 1));
        stripe.Durations[slot] = durationSeconds;
        stripe.Packed[slot] = (batchSize << OutcomeBits) | (int)outcome;
        Volatile.Write(ref stripe.Head, head + 1);
        if (((head + 1) & (Capacity - 1)) == 0)
        {
            // A block is full: hand over what every thread has pending, unless another thread is already at it (its
            // pass, or the next block completed anywhere, takes this one; the buffer has room for three more blocks).
            TryReplayAll();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordUnowned(int thread, double durationSeconds, InferenceOutcome outcome, int batchSize)
    {
        if (batchSize <= MaxBufferedBatchSize && Volatile.Read(ref _stripes[thread & _stripeMask]) is null)
        {
            // The first thread to record here owns the stripe for as long as its managed thread id lives (the runtime
            // gives an ended thread's id to a later thread, which then takes the stripe over with whatever it holds).
            var created = new Stripe(thread);
            if (Interlocked.CompareExchange(ref _stripes[thread & _stripeMask], created, null) is null)
            {
                Append(created, durationSeconds, outcome, batchSize);
                return;
            }
        }

        RecordNow(durationSeconds, outcome, batchSize);
    }

    /// <summary>Replays each histogram whose flag is free (a histogram another thread is replaying is left to it).</summary>
    private void TryReplayAll()
    {
        TryReplay(ref _replayingDurations, durations: true);
        TryReplay(ref _replayingBatchSizes, durations: false);
    }

    private bool TryReplay(ref int flag, bool durations)
    {
        if (Interlocked.CompareExchange(ref flag, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            foreach (var stripe in _stripes)
            {
                if (stripe is not null)
                {
                    Replay(stripe, durations);
                }
            }
        }
        finally
        {
            Volatile.Write(ref flag, 0);
        }

        return true;
    }

    private void Replay(Stripe stripe, bool durations)
    {
        try
        {
            long head = Volatile.Read(ref stripe.Head);
            ref long tail = ref durations ? ref stripe.DurationTail : ref stripe.BatchSizeTail;
            for (long t = tail; t < head; t++)
            {
                int slot = (int)(t & (RingSize - 1));
                int packed = stripe.Packed[slot];
                double duration = stripe.Durations[slot];

                // Advanced before the value is handed over: a listener that throws on a value cannot stall the buffer,
                // and the values after it stay for the next replay.
                Volatile.Write(ref tail, t + 1);
                if (durations)
                {
                    InferenceInstruments.Duration.Record(duration, _outcomeTags[packed & OutcomeMask]);
                }
                else
                {
                    InferenceInstruments.BatchSize.Record(packed >> OutcomeBits, _baseTags);
                }
            }
        }
        catch (Exception e)
        {
            MlObservabilityEventSource.Log.BackgroundFailure(nameof(InferenceMeasurementBuffer), e);
        }
    }

    private void RecordNow(double durationSeconds, InferenceOutcome outcome, int batchSize)
    {
        InferenceInstruments.Duration.Record(durationSeconds, _outcomeTags[(int)outcome]);
        InferenceInstruments.BatchSize.Record(batchSize, _baseTags);
    }

    /// <summary>One thread's buffer: a ring of four blocks written by its owner (<see cref="Head"/>) and replayed, one
    /// histogram at a time, by whichever thread holds that histogram's replay flag (<see cref="DurationTail"/>,
    /// <see cref="BatchSizeTail"/>). A slot is free again once both have passed it.</summary>
    private sealed class Stripe(int owner)
    {
        public readonly double[] Durations = new double[RingSize];
        public readonly int[] Packed = new int[RingSize];
        public readonly int Owner = owner;
        public long Head;
        public long DurationTail;
        public long BatchSizeTail;

        /// <summary>The read position of the histogram furthest behind.</summary>
        public long OldestTail => Math.Min(Volatile.Read(ref DurationTail), Volatile.Read(ref BatchSizeTail));
    }
}
