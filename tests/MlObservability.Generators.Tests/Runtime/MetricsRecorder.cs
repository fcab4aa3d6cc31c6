using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MlObservability.Generators.Tests.Runtime;

/// <summary>Listens to the MlObservability meter and keeps the measurements of one model, keyed by instrument and tags.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _model;
    private readonly ConcurrentDictionary<string, long> _sums = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public MetricsRecorder(string model)
    {
        _model = model;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name.StartsWith("ml.inference.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, 0, tags));
        _listener.Start();
    }

    /// <summary>Sum of a long instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params string[] tags) => Total(_sums, instrument, tags);

    /// <summary>Number of measurements of an instrument whose tags include all of <paramref name="tags"/>.</summary>
    public long Count(string instrument, params string[] tags) => Total(_counts, instrument, tags);

    public void Dispose() => _listener.Dispose();

    private static long Total(ConcurrentDictionary<string, long> values, string instrument, string[] tags) =>
        values.Where(kv => kv.Key.StartsWith(instrument + "|", StringComparison.Ordinal) && tags.All(t => kv.Key.Contains("|" + t + "|", StringComparison.Ordinal)))
            .Sum(kv => kv.Value);

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? model = null;
        var key = new System.Text.StringBuilder(instrument.Name).Append('|');
        foreach (var tag in tags)
        {
            if (tag.Key == SemanticConventions.ModelName)
            {
                model = tag.Value as string;
            }

            key.Append(tag.Key).Append('=').Append(tag.Value).Append('|');
        }

        if (model != _model)
        {
            return;
        }

        string k = key.ToString();
        _sums.AddOrUpdate(k, value, (_, old) => old + value);
        _counts.AddOrUpdate(k, 1, (_, old) => old + 1);
    }
}
