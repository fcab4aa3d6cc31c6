using System.Diagnostics.Metrics;
using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Lineage;

/// <summary>
/// Publishes the registry facts of one model version: <c>ml.model.info</c> (value 1, the facts as labels),
/// <c>ml.model.age</c> (seconds since training) and <c>ml.model.time_since_load</c> (seconds since this tracker was
/// created, which is when the service loaded the model). Read at collection time from the clock; nothing on the hot path.
/// Add it to the model (<c>model.AddComponent(tracker)</c>) so the standard <c>MlModelStale</c> rule reads its age.
/// </summary>
public sealed class ModelLineageTracker : IDisposable
{
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly KeyValuePair<string, object?>[] _infoTags;
    private int _disposed;

    /// <summary>Creates the tracker and registers its instruments; the load time is now.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version; empty when unknown.</param>
    /// <param name="lineage">The facts.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public ModelLineageTracker(string modelName, string? modelVersion, ModelLineage lineage, TimeProvider? timeProvider = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        ModelVersion = modelVersion ?? string.Empty;
        Lineage = Guard.NotNull(lineage);
        _time = timeProvider ?? TimeProvider.System;
        LoadedAt = _time.GetUtcNow();
        _tags = [new(SemanticConventions.ModelName, ModelName), new(SemanticConventions.ModelVersion, ModelVersion)];
        _infoTags =
        [
            .. _tags,
            new(LineageInstruments.TrainedAtTag, lineage.TrainedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty),
            new(LineageInstruments.DataSnapshotTag, lineage.DataSnapshot ?? string.Empty),
            new(LineageInstruments.GitShaTag, lineage.GitSha ?? string.Empty),
        ];
        LineageInstruments.Live.Add(this);
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The model version.</summary>
    public string ModelVersion { get; }

    /// <summary>The facts.</summary>
    public ModelLineage Lineage { get; }

    /// <summary>When the tracker was created: when the service loaded this model version.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>Time since training now; <see langword="null"/> when the training time is unknown.</summary>
    public TimeSpan? Age => Lineage.TrainedAt is { } trained ? _time.GetUtcNow() - trained : null;

    /// <summary>Time since <see cref="LoadedAt"/> now.</summary>
    public TimeSpan TimeSinceLoad => _time.GetUtcNow() - LoadedAt;

    /// <summary>Unregisters the instruments.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            LineageInstruments.Live.Remove(this);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(ModelLineageTracker)}({ModelName} {ModelVersion}, trained {Lineage.TrainedAt:O}, snapshot {Lineage.DataSnapshot}, git {Lineage.GitSha})";

    internal Measurement<int> ObserveInfo() => new(1, _infoTags);

    internal IEnumerable<Measurement<double>> ObserveAge() =>
        Age is { } age ? [new Measurement<double>(age.TotalSeconds, _tags)] : [];

    internal Measurement<double> ObserveTimeSinceLoad() => new(TimeSinceLoad.TotalSeconds, _tags);
}
