using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Alerts;
using MlObservability.Lineage;

namespace MlObservability.Tests.Lineage;

public sealed class ModelLineageTests
{
    private static readonly DateTimeOffset Trained = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Facts_are_read_from_metadata_keys_case_insensitively_and_a_bare_date_is_utc()
    {
        var lineage = ModelLineage.FromMetadata(new Dictionary<string, string>
        {
            ["Training_Date"] = "2026-06-01",
            ["DATA_SNAPSHOT"] = " warehouse.wine@v12 ",
            ["git_commit"] = "3f9c2ab",
            ["unrelated"] = "x",
        });
        Assert.Multiple(() =>
        {
            Assert.That(lineage.TrainedAt, Is.EqualTo(Trained));
            Assert.That(lineage.DataSnapshot, Is.EqualTo("warehouse.wine@v12"));
            Assert.That(lineage.GitSha, Is.EqualTo("3f9c2ab"));
            Assert.That(ModelLineage.FromMetadata(new Dictionary<string, string>()).IsEmpty, Is.True);
            Assert.That(() => ModelLineage.FromMetadata(new Dictionary<string, string> { ["trained_at"] = "last tuesday" }), Throws.TypeOf<FormatException>().With.Message.Contains("'last tuesday' is not an ISO 8601 date"));
        });
    }

    [Test]
    public void Configuration_facts_win_over_file_metadata_fact_by_fact()
    {
        var configured = new ModelLineage { GitSha = "aaaaaaa" };
        var file = new ModelLineage { TrainedAt = Trained, GitSha = "bbbbbbb", DataSnapshot = "snap" };
        var merged = configured.Or(file);
        Assert.That(merged, Is.EqualTo(new ModelLineage { TrainedAt = Trained, GitSha = "aaaaaaa", DataSnapshot = "snap" }));
    }

    [Test]
    public void The_tracker_exports_info_age_and_time_since_load()
    {
        var time = new FakeTimeProvider(Trained.AddDays(10));
        using var tracker = new ModelLineageTracker("lineage-export", "3", new ModelLineage { TrainedAt = Trained, DataSnapshot = "snap-1", GitSha = "abcdef1" }, time);
        time.Advance(TimeSpan.FromHours(2));
        var seen = Collect("lineage-export");
        Assert.Multiple(() =>
        {
            Assert.That(seen["ml.model.age"].Value, Is.EqualTo(TimeSpan.FromDays(10) .Add(TimeSpan.FromHours(2)).TotalSeconds));
            Assert.That(seen["ml.model.time_since_load"].Value, Is.EqualTo(TimeSpan.FromHours(2).TotalSeconds));
            Assert.That(seen["ml.model.info"].Value, Is.EqualTo(1));
            Assert.That(seen["ml.model.info"].Tags, Is.SupersetOf(new Dictionary<string, string?>
            {
                ["ml.model.version"] = "3",
                ["ml.model.trained_at"] = "2026-06-01T00:00:00Z",
                ["ml.model.data_snapshot"] = "snap-1",
                ["ml.model.git_sha"] = "abcdef1",
            }));
            Assert.That(seen["ml.model.age"].Unit, Is.EqualTo("s"));
        });
    }

    [Test]
    public void Without_a_training_time_there_is_no_age_but_info_and_time_since_load_remain()
    {
        var time = new FakeTimeProvider(Trained);
        using var tracker = new ModelLineageTracker("lineage-no-age", "1", new ModelLineage { GitSha = "abcdef1" }, time);
        var seen = Collect("lineage-no-age");
        Assert.Multiple(() =>
        {
            Assert.That(tracker.Age, Is.Null);
            Assert.That(seen.Keys, Is.EquivalentTo(new[] { "ml.model.info", "ml.model.time_since_load" }));
        });
    }

    [Test]
    public void A_model_older_than_its_maximum_age_raises_the_stale_alert()
    {
        var time = new FakeTimeProvider(Trained.AddDays(89));
        using var model = new ModelMonitor("lineage-stale", "2");
        using var tracker = new ModelLineageTracker("lineage-stale", "2", new ModelLineage { TrainedAt = Trained }, time);
        model.AddComponent(tracker);
        using var engine = new AlertEngine(StandardAlertRules.For(model, new AlertThresholds { ModelStaleFor = TimeSpan.Zero }), new AlertEngineOptions { TimeProvider = time });

        var young = engine.EvaluateRules(time.GetUtcNow()).SelectMany(n => n.Alerts).ToArray();
        time.Advance(TimeSpan.FromDays(2));
        var old = engine.EvaluateRules(time.GetUtcNow()).SelectMany(n => n.Alerts).Where(a => a.Name == StandardAlertRules.ModelStale).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(young.Where(a => a.Name == StandardAlertRules.ModelStale), Is.Empty, "89 days is within the default 90");
            Assert.That(old.Select(a => a.Severity), Is.EqualTo(new[] { Severity.Warning }));
            Assert.That(old.Single().Value, Is.EqualTo(TimeSpan.FromDays(91).TotalSeconds));
            Assert.That(old.Single().Annotations["summary"], Is.EqualTo("Model trained more than 90d ago"));
        });
    }

    private static Dictionary<string, (double Value, string? Unit, Dictionary<string, string?> Tags)> Collect(string model)
    {
        var seen = new Dictionary<string, (double, string?, Dictionary<string, string?>)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlTelemetry.MeterName && instrument.Name.StartsWith("ml.model.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value?.ToString();
            }

            if (map.GetValueOrDefault("ml.model.name") == model)
            {
                seen[instrument.Name] = (value, instrument.Unit, map);
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
