using System.Globalization;

namespace MlObservability.Lineage;

/// <summary>
/// Registry facts of one model version: when it was trained, on which data snapshot, from which commit. Exported as
/// labels of <c>ml.model.info</c>; <see cref="TrainedAt"/> also drives <c>ml.model.age</c> and the <c>MlModelStale</c>
/// alert. Every fact is optional: an unknown one is left out (an empty label).
/// </summary>
public sealed record ModelLineage
{
    /// <summary>The metadata keys <see cref="FromMetadata"/> reads the training time from, first match wins.</summary>
    public static IReadOnlyList<string> TrainedAtKeys { get; } = ["trained_at", "training_date", "train_date", "created_at"];

    /// <summary>The metadata keys <see cref="FromMetadata"/> reads the data snapshot from.</summary>
    public static IReadOnlyList<string> DataSnapshotKeys { get; } = ["data_snapshot", "dataset_version", "training_data"];

    /// <summary>The metadata keys <see cref="FromMetadata"/> reads the source commit from.</summary>
    public static IReadOnlyList<string> GitShaKeys { get; } = ["git_sha", "git_commit", "commit"];

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>When the model was trained (UTC); unknown when <see langword="null"/>.</summary>
    public DateTimeOffset? TrainedAt { get; init; }

    /// <summary>The training data snapshot, for example <c>s3://ml/wine/2026-11-01</c> or a dataset version.</summary>
    public string? DataSnapshot { get; init; }

    /// <summary>The commit the model was built from.</summary>
    public string? GitSha { get; init; }

    /// <summary>Whether any fact is known.</summary>
    public bool IsEmpty => TrainedAt is null && string.IsNullOrEmpty(DataSnapshot) && string.IsNullOrEmpty(GitSha);

    /// <summary>
    /// Reads the facts from model metadata (the custom metadata of an ONNX file, a registry's tags): the first present key
    /// of <see cref="TrainedAtKeys"/>, <see cref="DataSnapshotKeys"/> and <see cref="GitShaKeys"/>, case-insensitively.
    /// The training time is an ISO 8601 date or time (<c>2026-11-01</c>, <c>2026-11-01T08:30:00Z</c>); without an offset
    /// it is read as UTC.
    /// </summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>The facts found.</returns>
    /// <exception cref="FormatException">A training-time key holds something that is not a date.</exception>
    public static ModelLineage FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var lookup = metadata.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        string? First(IReadOnlyList<string> keys) => keys.Select(k => lookup.TryGetValue(k, out var v) ? v : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        string? trained = First(TrainedAtKeys);
        return new ModelLineage
        {
            TrainedAt = trained is null ? null : ParseTime(trained),
            DataSnapshot = First(DataSnapshotKeys),
            GitSha = First(GitShaKeys),
        };
    }

    /// <summary>Parses an ISO 8601 date or time; a value without an offset is UTC.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The time.</returns>
    /// <exception cref="FormatException">The text is not a date or time.</exception>
    public static DateTimeOffset ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateTimeOffset.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        throw new FormatException($"'{text}' is not an ISO 8601 date or time (for example 2026-11-01 or 2026-11-01T08:30:00Z).");
    }

    /// <summary>Keeps the facts of <paramref name="other"/> where this one has none: configuration first, file metadata second.</summary>
    /// <param name="other">The fallback facts.</param>
    /// <returns>The merged facts.</returns>
    public ModelLineage Or(ModelLineage? other) => other is null ? this : new ModelLineage
    {
        TrainedAt = TrainedAt ?? other.TrainedAt,
        DataSnapshot = string.IsNullOrEmpty(DataSnapshot) ? other.DataSnapshot : DataSnapshot,
        GitSha = string.IsNullOrEmpty(GitSha) ? other.GitSha : GitSha,
    };
}
