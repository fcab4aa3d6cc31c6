using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>Collects the measurements of the core and adapter meters for one model (filtered by <c>ml.model.name</c>).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string? _model;

    public MetricRecorder(string? model)
    {
        _model = model;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is MlTelemetry.MeterName or OnnxRuntimeTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.Start();
    }

    public ConcurrentQueue<Recorded> Measurements { get; } = new();

    public IEnumerable<Recorded> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    /// <summary>Collects the observable instruments now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (_model is null || (copy.TryGetValue(SemanticConventions.ModelName, out var model) && (string?)model == _model)
            || !copy.ContainsKey(SemanticConventions.ModelName) && instrument.Name.StartsWith("ml.gpu", StringComparison.Ordinal))
        {
            Measurements.Enqueue(new Recorded(instrument.Name, value, copy));
        }
    }
}

internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
