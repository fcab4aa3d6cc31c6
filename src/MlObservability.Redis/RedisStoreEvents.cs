using MlObservability.Diagnostics;

namespace MlObservability.Redis;

/// <summary>What the Redis store reports on the core's self-diagnostics source (never the connection string).</summary>
internal static class RedisStoreEvents
{
    private const string Component = nameof(RedisPendingStore);
    private static long _lastWarningTicks;

    /// <summary>A batch write failed; reported at most once a second so an outage does not flood the listener.</summary>
    public static void WriteFailed(Exception? error, int count)
    {
        if (Throttled())
        {
            MlObservabilityEventSource.Log.ComponentWarning(Component, $"{count} predictions not written, kept in the local store: {(error is null ? "not connected" : error.GetType().Name + ": " + error.Message)}");
        }
    }

    /// <summary>A label lookup could not reach Redis.</summary>
    public static void LookupFailed(Exception error)
    {
        if (Throttled())
        {
            MlObservabilityEventSource.Log.ComponentWarning(Component, $"label lookup answered by the local store: {error.GetType().Name}: {error.Message}");
        }
    }

    private static bool Throttled()
    {
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastWarningTicks);
        return now - last >= 1000 && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last;
    }
}
