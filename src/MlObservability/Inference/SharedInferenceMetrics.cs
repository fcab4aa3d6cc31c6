using System.Collections.Concurrent;
using System.ComponentModel;
using MlObservability.Diagnostics;

namespace MlObservability.Inference;

/// <summary>
/// One <see cref="InferenceMetrics"/> per model name, version and endpoint for the whole process, so that an
/// <c>[Instrumented]</c> decorator and a host (<c>AddMlMonitoring()</c>) that name the same endpoint record into the
/// same metrics, which the host's SLO tracker and alert rules observe. A <see cref="ModelMonitor"/> publishes its own
/// instance with <see cref="Publish"/>; a decorator that finds none creates one with default settings.
/// </summary>
/// <remarks>
/// Names, versions and endpoints reach <see cref="Get"/> at run time, so the set is bounded: at most
/// <see cref="MaxEndpoints"/> distinct (model, version, endpoint) keys get their own metrics (each costs tens of KB, a
/// timer and a dozen series). Later keys share one overflow instance whose tags are all
/// <see cref="SemanticConventions.OverflowValue"/> (<c>other</c>), like OpenTelemetry's <c>otel.metric.overflow</c>
/// series; each such lookup is counted in <see cref="OverflowCount"/> and the first one is reported through the
/// <c>MlObservability</c> event source (CardinalityLimitReached). <see cref="Publish"/> (a host's configured models) is
/// never refused.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SharedInferenceMetrics
{
    /// <summary>The most distinct (model, version, endpoint) keys <see cref="Get"/> creates metrics for; later keys share the overflow instance.</summary>
    public const int MaxEndpoints = 256;

    private static readonly EndpointDirectory Directory = new(MaxEndpoints);

    /// <summary>
    /// Makes <paramref name="metrics"/> the shared metrics of its model name, version and endpoint until it is disposed
    /// or the returned handle is. Decorators already running switch to it on their next call.
    /// </summary>
    /// <param name="metrics">The metrics to share.</param>
    /// <returns>A handle that withdraws the metrics when disposed.</returns>
    public static IDisposable Publish(InferenceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var slot = Directory.SlotOf(metrics.ModelName, metrics.ModelVersion, metrics.Endpoint, bounded: false);
        slot.Publish(metrics);
        return new Publication(slot, metrics);
    }

    /// <summary>The shared metrics of an endpoint, created with default settings if none is published.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version; empty when unknown.</param>
    /// <param name="endpoint">The endpoint; empty when unknown.</param>
    /// <returns>The shared metrics.</returns>
    /// <remarks>Past <see cref="MaxEndpoints"/> distinct keys, returns the shared overflow instance (tags <c>other</c>) and counts the lookup.</remarks>
    public static InferenceMetrics Get(string modelName, string? modelVersion, string? endpoint) =>
        Directory.SlotOf(modelName, modelVersion, endpoint, bounded: true).Current;

    /// <summary>The slot a decorator keeps (bounded like <see cref="Get"/>).</summary>
    internal static Slot SlotOf(string modelName, string? modelVersion, string? endpoint) =>
        Directory.SlotOf(modelName, modelVersion, endpoint, bounded: true);

    /// <summary>How many <see cref="Get"/> calls were sent to the overflow instance because <see cref="MaxEndpoints"/> keys exist.</summary>
    public static long OverflowCount => Directory.OverflowCount;

    /// <summary>
    /// The bounded map from (model, version, endpoint) to slots behind <see cref="SharedInferenceMetrics"/>; an instance
    /// type so that tests can exercise the bound without filling the process-wide one.
    /// </summary>
    internal sealed class EndpointDirectory(int capacity)
    {
        private readonly ConcurrentDictionary<(string Model, string Version, string Endpoint), Slot> _slots = new();
        private readonly object _gate = new();
        private Slot? _overflow;
        private long _overflowCount;
        private int _reported;

        public int Count => _slots.Count;

        public long OverflowCount => Interlocked.Read(ref _overflowCount);

        public Slot SlotOf(string modelName, string? modelVersion, string? endpoint, bool bounded)
        {
            var key = (modelName, modelVersion ?? string.Empty, endpoint ?? string.Empty);
            if (_slots.TryGetValue(key, out var slot))
            {
                return slot;
            }

            lock (_gate)
            {
                if (_slots.TryGetValue(key, out slot))
                {
                    return slot;
                }

                if (bounded && _slots.Count >= capacity)
                {
                    Interlocked.Increment(ref _overflowCount);
                    if (Interlocked.Exchange(ref _reported, 1) == 0)
                    {
                        MlObservabilityEventSource.Log.CardinalityLimitReached(
                            nameof(SharedInferenceMetrics), capacity, "model/version/endpoint keys (later ones are recorded as 'other')");
                    }

                    return _overflow ??= new Slot(SemanticConventions.OverflowValue, SemanticConventions.OverflowValue, SemanticConventions.OverflowValue);
                }

                slot = new Slot(key.modelName, key.Item2, key.Item3);
                _slots[key] = slot;
                return slot;
            }
        }
    }

    /// <summary>The current shared metrics of one endpoint; reading it is one volatile read on the recording path.</summary>
    internal sealed class Slot(string modelName, string modelVersion, string endpoint)
    {
        private readonly object _gate = new();
        private InferenceMetrics? _current;
        private bool _currentIsDefault;

        public InferenceMetrics Current
        {
            get
            {
                var current = Volatile.Read(ref _current);
                return current is not null && !current.IsDisposed ? current : CreateDefault();
            }
        }

        public void Publish(InferenceMetrics metrics)
        {
            lock (_gate)
            {
                var previous = _current;
                bool previousWasDefault = _currentIsDefault;
                Volatile.Write(ref _current, metrics);
                _currentIsDefault = false;
                if (previousWasDefault && previous is not null && !ReferenceEquals(previous, metrics))
                {
                    previous.Dispose(); // a default instance is replaced by the host's; its series stop being published
                }
            }
        }

        public void Withdraw(InferenceMetrics metrics)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_current, metrics))
                {
                    Volatile.Write(ref _current, null);
                }
            }
        }

        private InferenceMetrics CreateDefault()
        {
            lock (_gate)
            {
                var current = _current;
                if (current is null || current.IsDisposed)
                {
                    current = new InferenceMetrics(modelName, modelVersion, endpoint);
                    Volatile.Write(ref _current, current);
                    _currentIsDefault = true;
                }

                return current;
            }
        }
    }

    private sealed class Publication(Slot slot, InferenceMetrics metrics) : IDisposable
    {
        public void Dispose() => slot.Withdraw(metrics);
    }
}
