using System.Runtime.CompilerServices;

namespace MlObservability.Slo;

/// <summary>
/// The UTC time to a few milliseconds, for counting events into minute buckets on the inference path: the coarse
/// monotonic tick count (<see cref="Environment.TickCount64"/>, a few ns to read) plus an offset taken from the system
/// clock at most once a second. Reading the system clock (<see cref="TimeProvider.GetUtcNow"/>) costs 30 ns on the machines we measure, once per
/// inference per tracker; this costs under 5. Error: the tick count's resolution (1 to 4 ms on Linux, up to 16 ms on
/// Windows) plus how far the two clocks drift apart in one second, so an event within that of a bucket's edge may be
/// counted in the neighbouring bucket; a step of the system clock is followed within a second. Used only with
/// <see cref="TimeProvider.System"/>: a tracker given another <see cref="TimeProvider"/> reads that one.
/// </summary>
internal static class CoarseUtcClock
{
    private const long ResyncMilliseconds = 1_000;
    private const long MaxSyncGapMilliseconds = 2;

    // Two words, each read and written whole; a reader that sees a new offset with an old sync time (or the reverse)
    // still gets a valid time: every offset taken is right for any tick count near it.
    private static long s_offsetTicks;
    private static long s_syncedAtMilliseconds = long.MinValue / 2;

    /// <summary>Now, in UTC ticks.</summary>
    public static long UtcTicks
    {
        get
        {
            long milliseconds = Environment.TickCount64;
            if (milliseconds - Volatile.Read(ref s_syncedAtMilliseconds) >= ResyncMilliseconds)
            {
                milliseconds = Resync();
            }

            return (milliseconds * TimeSpan.TicksPerMillisecond) + Volatile.Read(ref s_offsetTicks);
        }
    }

    /// <summary>Takes the offset from a system-clock reading with tick counts read just before and just after it, so
    /// that a thread descheduled in between cannot skew every reading of the next second: up to five tries for a pair
    /// at most <see cref="MaxSyncGapMilliseconds"/> apart, else the last one. Returns the tick count it synced at.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Resync()
    {
        long before = 0;
        long utcTicks = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            before = Environment.TickCount64;
            utcTicks = TimeProvider.System.GetUtcNow().UtcTicks;
            if (Environment.TickCount64 - before <= MaxSyncGapMilliseconds)
            {
                break;
            }
        }

        Volatile.Write(ref s_offsetTicks, utcTicks - (before * TimeSpan.TicksPerMillisecond));
        Volatile.Write(ref s_syncedAtMilliseconds, before);
        return before;
    }
}
