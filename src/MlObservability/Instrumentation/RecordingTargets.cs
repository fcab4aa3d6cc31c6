namespace MlObservability.Instrumentation;

/// <summary>
/// The process-wide list of model names, versions and endpoints that decorators and sessions record under, so a host can
/// report the ones that match no configured model (a case or version mismatch sends their data nowhere). Bounded like
/// the directories behind it; announcing happens once per decorator endpoint or session, never per call.
/// </summary>
internal static class RecordingTargets
{
    /// <summary>The most targets kept; later ones are not announced (the cardinality limits of the directories apply first).</summary>
    internal const int MaxTargets = 4096;

    private static readonly object Gate = new();
    private static readonly List<RecordingTarget> Targets = [];
    private static readonly List<Action<RecordingTarget>> Listeners = [];

    /// <summary>Records a target and tells every listener.</summary>
    /// <param name="target">The target.</param>
    public static void Announce(RecordingTarget target)
    {
        Action<RecordingTarget>[] listeners;
        lock (Gate)
        {
            if (Targets.Count >= MaxTargets || Targets.Contains(target))
            {
                return;
            }

            Targets.Add(target);
            listeners = [.. Listeners];
        }

        foreach (var listener in listeners)
        {
            try
            {
                listener(target);
            }
#pragma warning disable CA1031 // a listener must never break a decorator's first call
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Diagnostics.MlObservabilityEventSource.Log.BackgroundFailure(nameof(RecordingTargets), ex);
            }
        }
    }

    /// <summary>Calls <paramref name="listener"/> for every target announced so far and every later one, until disposed.</summary>
    /// <param name="listener">Receives each target; must not throw.</param>
    /// <returns>A handle that stops the calls.</returns>
    public static IDisposable Subscribe(Action<RecordingTarget> listener)
    {
        RecordingTarget[] existing;
        lock (Gate)
        {
            Listeners.Add(listener);
            existing = [.. Targets];
        }

        foreach (var target in existing)
        {
            listener(target);
        }

        return new Subscription(listener);
    }

    private sealed class Subscription(Action<RecordingTarget> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Listeners.Remove(listener);
            }
        }
    }
}
