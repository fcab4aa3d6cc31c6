using System.ComponentModel;
using MlObservability.Diagnostics;

namespace MlObservability.Instrumentation;

/// <summary>
/// The process-wide directory that connects <see cref="InstrumentedAttribute">[Instrumented]</see> decorators to the
/// monitors of a model. A <see cref="ModelMonitor"/> registers its components here under its name when it is created;
/// other code may register an input sink (drift) and output sink (quality, prediction drift) directly. Every decorator
/// of that model then feeds them, through one <see cref="CompositeModelSink"/> per model name. A registration made after the
/// decorator was created is seen on the next call. With nothing registered, capture costs one volatile read.
/// </summary>
/// <remarks>
/// Memory is bounded by the number of distinct model names (at most <see cref="MaxModels"/>); lookups on the recording
/// path are allocation-free and lock-free. Past the bound, <see cref="Register"/> throws (it is a startup call), but a
/// decorator never does: a decorator of a model name beyond the bound gets a detached slot with no sinks (its calls still
/// record RED metrics; capture is skipped), counted in <see cref="OverflowCount"/> and reported once through the
/// <c>MlObservability</c> event source. Several registrations for one model all receive every row and prediction.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelSinks
{
    /// <summary>The most distinct model names the directory holds; registering more throws, a decorator gets a detached slot.</summary>
    public const int MaxModels = 4096;

    private static readonly object Gate = new();
    private static readonly Dictionary<string, CompositeModelSink> Slots = new(StringComparer.Ordinal);
    private static long _overflowCount;
    private static int _reported;

    /// <summary>How many decorators of model names beyond <see cref="MaxModels"/> got a detached slot (no capture).</summary>
    public static long OverflowCount => Interlocked.Read(ref _overflowCount);

    /// <summary>Registers the sinks of a model. Dispose the result to unregister them.</summary>
    /// <param name="modelName">The model name, as given to <c>[Instrumented]</c> (or derived from the type name).</param>
    /// <param name="inputSink">Receives the <see cref="FeatureVectorAttribute">[FeatureVector]</see> rows; may be <see langword="null"/>.</param>
    /// <param name="outputSink">Receives the predictions; may be <see langword="null"/>.</param>
    /// <returns>A handle that unregisters both sinks when disposed.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxModels"/> model names were registered.</exception>
    public static IDisposable Register(string modelName, IModelInputSink? inputSink, IModelOutputSink? outputSink)
    {
        var slot = GetSlot(modelName, MaxModels, throwWhenFull: true);
        slot.Add(inputSink, outputSink, null);
        return new Registration(slot, inputSink, outputSink);
    }

    /// <summary>Whether any sink is registered for the model now.</summary>
    /// <param name="modelName">The model name.</param>
    /// <returns><see langword="true"/> when an input or output sink is registered.</returns>
    public static bool IsRegistered(string modelName)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        lock (Gate)
        {
            return Slots.TryGetValue(modelName, out var slot) && (slot.HasInputs || slot.HasOutputs);
        }
    }

    /// <summary>The slot of a model, created on first use; decorators keep it for their lifetime. Never throws past the bound.</summary>
    internal static CompositeModelSink GetSlot(string modelName) => GetSlot(modelName, MaxModels, throwWhenFull: false);

    /// <summary>The slot of a model; past <paramref name="capacity"/> names, throws or returns a detached, counted slot.</summary>
    internal static CompositeModelSink GetSlot(string modelName, int capacity, bool throwWhenFull)
    {
        Guard.NotNullOrWhiteSpace(modelName);
        lock (Gate)
        {
            if (!Slots.TryGetValue(modelName, out var slot))
            {
                if (Slots.Count >= capacity && !throwWhenFull)
                {
                    Interlocked.Increment(ref _overflowCount);
                    if (Interlocked.Exchange(ref _reported, 1) == 0)
                    {
                        MlObservabilityEventSource.Log.CardinalityLimitReached(nameof(ModelSinks), capacity, "model names of [Instrumented] decorators (later ones capture nothing)");
                    }

                    return new CompositeModelSink(modelName);
                }

                if (Slots.Count >= capacity)
                {
                    throw new InvalidOperationException(
                        $"ModelSinks holds {capacity} model names already; '{modelName}' cannot be added. Use a bounded set of model names (the version belongs in ModelVersion, not in the name).");
                }

                slot = new CompositeModelSink(modelName);
                Slots.Add(modelName, slot);
            }

            return slot;
        }
    }

    private sealed class Registration(CompositeModelSink slot, IModelInputSink? input, IModelOutputSink? output) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                slot.Remove(input, output, null);
            }
        }
    }
}
