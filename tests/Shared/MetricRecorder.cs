using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MlObservability.Tests.Shared;

/// <summary>
/// Collects the measurements of the MlObservability meters (core and adapters) for one model, filtered by
/// <c>ml.model.name</c>; GPU measurements, which carry no model, are kept too. All models when the model is null.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string? _model;
    private readonly ConcurrentDictionary<string, bool> _observable = new();
    private int _round;

    public MetricRecorder(string? model)
    {
        _model = model;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is MlTelemetry.MeterName or "MlObservability.OnnxRuntime")
            {
                if (instrument.IsObservable)
                {
                    _observable[instrument.Name] = true;
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.Start();

        // Observable instruments report totals since their source was created (shared per model and endpoint across
        // tests): a first collection now is the baseline that Sum subtracts, so sums count what happened since.
        _round = 1;
        _listener.RecordObservableInstruments();
    }

    public ConcurrentQueue<Recorded> Measurements { get; } = new();

    /// <summary>The measurements of one instrument. For a synchronous instrument a collection is made first, as an
    /// exporter makes before it reads (the inference histograms reach listeners from per-thread buffers when observable
    /// instruments are collected); an observable instrument's rounds are left as they are.</summary>
    public IEnumerable<Recorded> Of(string instrument)
    {
        CollectBefore(instrument);
        return MeasurementsOf(instrument);
    }

    /// <summary>Sum of an instrument's measurements whose tags include every <c>key=value</c> of <paramref name="tags"/>;
    /// for an observable instrument (its values are cumulative), one collection made now less the one made when the
    /// recorder started.</summary>
    public long Sum(string instrument, params string[] tags)
    {
        if (_observable.ContainsKey(instrument))
        {
            var round = Interlocked.Increment(ref _round);
            _listener.RecordObservableInstruments();
            var matching = Matching(instrument, tags).ToList();
            return (long)Math.Round(matching.Where(m => m.Round == round).Sum(m => m.Value) - matching.Where(m => m.Round == 1).Sum(m => m.Value));
        }

        CollectBefore(instrument);
        return (long)Math.Round(Matching(instrument, tags).Sum(m => m.Value));
    }

    /// <summary>Number of an instrument's measurements whose tags include every <c>key=value</c> of <paramref name="tags"/>,
    /// after a collection.</summary>
    public long Count(string instrument, params string[] tags)
    {
        CollectBefore(instrument);
        return Matching(instrument, tags).Count();
    }

    /// <summary>Collects the observable instruments now (a new collection: only the one made when the recorder started is
    /// the baseline that <see cref="Sum"/> subtracts).</summary>
    public void Observe()
    {
        Interlocked.Increment(ref _round);
        _listener.RecordObservableInstruments();
    }

    public void Dispose() => _listener.Dispose();

    private void CollectBefore(string instrument)
    {
        if (!_observable.ContainsKey(instrument))
        {
            Observe();
        }
    }

    private IEnumerable<Recorded> MeasurementsOf(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    private IEnumerable<Recorded> Matching(string instrument, string[] tags) =>
        MeasurementsOf(instrument).Where(m => tags.All(tag =>
        {
            int equals = tag.IndexOf('=', StringComparison.Ordinal);
            return m.Tags.TryGetValue(tag[..equals], out var value) && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) == tag[(equals + 1)..];
        }));

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
            Measurements.Enqueue(new Recorded(instrument.Name, value, copy) { Round = instrument.IsObservable ? Volatile.Read(ref _round) : 0 });
        }
    }
}

/// <summary>One measurement with its tags.</summary>
internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    /// <summary>For an observable instrument, the collection (<see cref="MetricRecorder.Sum"/>) it came from.</summary>
    public int Round { get; init; }
}
