using System.Diagnostics.Metrics;
using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DriftInstrumentsTests
{
    [Test]
    public void Results_and_data_quality_are_exported_as_observable_instruments()
    {
        var measurements = new List<(string Instrument, string Unit, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && (instrument.Name.StartsWith("ml.drift.", StringComparison.Ordinal) || instrument.Name == "ml.data.invalid"))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, i.Unit!, v, Tags(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, i.Unit!, v, Tags(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, i.Unit!, v, Tags(tags))));
        listener.Start();

        using var monitor = DriftMonitor.Create("instrumented-model", "7", DriftMonitorDetectionTests.Profile(), new DriftMonitorOptions { WindowSize = 1_000, EvaluateOnWindowCompletion = false });
        DriftMonitorDetectionTests.Feed(monitor, 1_000, 1_000, 800);
        monitor.RecordFeatures([double.NaN, 1, 0]);
        DriftMonitorDetectionTests.Feed(monitor, 1_000, 2_000, 800); // fills the second buffer; its last row is skipped
        monitor.Evaluate(DateTimeOffset.UnixEpoch);
        listener.RecordObservableInstruments();

        var mine = measurements.Where(m => Equals(m.Tags.GetValueOrDefault(SemanticConventions.ModelName), "instrumented-model")).ToList();
        bool Seen(string name, string feature, string method) => mine.Any(m => m.Instrument == name
            && Equals(m.Tags[SemanticConventions.FeatureName], feature) && Equals(m.Tags["ml.drift.method"], method));
        Assert.Multiple(() =>
        {
            Assert.That(Seen("ml.drift.score", "a", "ks"));
            Assert.That(Seen("ml.drift.p_value", "a", "ks"));
            Assert.That(mine.Any(m => m.Instrument == "ml.drift.p_value" && Equals(m.Tags["ml.drift.method"], "psi")), Is.False, "PSI has no p-value");
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.severity" && Equals(m.Tags[SemanticConventions.FeatureName], "a") && Equals(m.Tags["ml.drift.method"], "ks")).Value, Is.EqualTo(3));
            Assert.That(mine.Single(m => m.Instrument == "ml.data.invalid" && Equals(m.Tags["reason"], "missing")).Tags[SemanticConventions.FeatureName], Is.EqualTo("a"));
            Assert.That(mine.Single(m => m.Instrument == "ml.data.invalid" && Equals(m.Tags["reason"], "out_of_range") && Equals(m.Tags[SemanticConventions.FeatureName], "a")).Value, Is.GreaterThan(0));
            Assert.That(mine.Single(m => m.Instrument == "ml.drift.rows" && Equals(m.Tags["outcome"], "skipped")).Value, Is.EqualTo(1));
            Assert.That(mine.Where(m => m.Instrument == "ml.drift.score").Select(m => m.Unit), Has.All.EqualTo("{score}"));
            Assert.That(mine.All(m => Equals(m.Tags[SemanticConventions.ModelVersion], "7")));
        });

        monitor.Dispose();
        measurements.Clear();
        listener.RecordObservableInstruments();
        Assert.That(measurements.Where(m => Equals(m.Tags.GetValueOrDefault(SemanticConventions.ModelName), "instrumented-model")), Is.Empty, "a disposed monitor is no longer reported");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>();
        foreach (var t in tags)
        {
            d[t.Key] = t.Value;
        }

        return d;
    }
}
