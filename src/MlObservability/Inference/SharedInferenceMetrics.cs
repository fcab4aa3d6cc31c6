using System.Collections.Concurrent;
using System.ComponentModel;

namespace MlObservability.Inference;

/// <summary>
/// One <see cref="InferenceMetrics"/> per model name, version and endpoint for the whole process, so that an
/// <c>[Instrumented]</c> decorator and a host (<c>AddMlMonitoring()</c>) that name the same endpoint record into the
/// same metrics, which the host's SLO tracker and alert rules observe. A <see cref="ModelMonitor"/> publishes its own
/// instance with <see cref="Publish"/>; a decorator that finds none creates one with default settings.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SharedInferenceMetrics
{
    private static readonly ConcurrentDictionary<(string Model, string Version, string Endpoint), Slot> Slots = new();

    /// <summary>
    /// Makes <paramref name="metrics"/> the shared metrics of its model name, version and endpoint until it is disposed
    /// or the returned handle is. Decorators already running switch to it on their next call.
    /// </summary>
    /// <param name="metrics">The metrics to share.</param>
    /// <returns>A handle that withdraws the metrics when disposed.</returns>
    public static IDisposable Publish(InferenceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var slot = SlotOf(metrics.ModelName, metrics.ModelVersion, metrics.Endpoint);
        slot.Publish(metrics);
        return new Publication(slot, metrics);
    }

    /// <summary>The shared metrics of an endpoint, created with default settings if none is published.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version; empty when unknown.</param>
    /// <param name="endpoint">The endpoint; empty when unknown.</param>
    /// <returns>The shared metrics.</returns>
    public static InferenceMetrics Get(string modelName, string? modelVersion, string? endpoint) =>
        SlotOf(modelName, modelVersion, endpoint).Current;

    internal static Slot SlotOf(string modelName, string? modelVersion, string? endpoint) =>
        Slots.GetOrAdd((modelName, modelVersion ?? string.Empty, endpoint ?? string.Empty), key => new Slot(key.Model, key.Version, key.Endpoint));

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
