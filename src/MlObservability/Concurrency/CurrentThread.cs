using System.Runtime.CompilerServices;

namespace MlObservability.Concurrency;

/// <summary>The managed id of the calling thread, cached in a thread-static field: on the hot paths that pick a
/// single-writer stripe by thread, a thread-static read is inlined where <see cref="Environment.CurrentManagedThreadId"/>
/// is a call.</summary>
internal static class CurrentThread
{
    [ThreadStatic]
    private static int t_id;

    /// <summary>The calling thread's <see cref="Environment.CurrentManagedThreadId"/> (never 0).</summary>
    public static int Id
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var id = t_id;
            return id != 0 ? id : Cache();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Cache() => t_id = Environment.CurrentManagedThreadId;
}
