using MlObservability.Lineage;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Registry facts of one model version (<c>MlMonitoring:Models:N:Lineage</c>), typically written into appsettings by the
/// deployment pipeline from the model registry. With any fact set, the model gets a <see cref="ModelLineageTracker"/>
/// (<c>ml.model.info</c>, <c>ml.model.time_since_load</c>, and with <see cref="TrainedAt"/> <c>ml.model.age</c> and the
/// <c>MlModelStale</c> alert). Facts in an ONNX file's metadata: <c>session.Model.ReadLineage()</c>.
/// </summary>
public sealed class ModelLineageOptions
{
    /// <summary>When the model version was trained, ISO 8601 (<c>2026-11-01</c> or <c>2026-11-01T08:30:00Z</c>; UTC
    /// without an offset).</summary>
    public string? TrainedAt { get; set; }

    /// <summary>The training data snapshot (a dataset version, a path, a table snapshot id).</summary>
    public string? DataSnapshot { get; set; }

    /// <summary>The commit the model was built from (hexadecimal, 7 to 64 characters).</summary>
    public string? GitSha { get; set; }

    /// <summary>Whether any fact is set.</summary>
    internal bool IsSet => !string.IsNullOrWhiteSpace(TrainedAt) || !string.IsNullOrWhiteSpace(DataSnapshot) || !string.IsNullOrWhiteSpace(GitSha);

    internal ModelLineage ToLineage() => new()
    {
        TrainedAt = string.IsNullOrWhiteSpace(TrainedAt) ? null : ModelLineage.ParseTime(TrainedAt),
        DataSnapshot = string.IsNullOrWhiteSpace(DataSnapshot) ? null : DataSnapshot.Trim(),
        GitSha = string.IsNullOrWhiteSpace(GitSha) ? null : GitSha.Trim(),
    };

    /// <summary>What is wrong, each message naming the setting under <paramref name="at"/>.</summary>
    internal IEnumerable<string> Problems(string at, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(TrainedAt))
        {
            DateTimeOffset? trained = null;
            try
            {
                trained = ModelLineage.ParseTime(TrainedAt);
            }
            catch (FormatException)
            {
                // reported below
            }

            if (trained is null)
            {
                yield return $"{at}:TrainedAt '{TrainedAt}' is not an ISO 8601 date or time (for example 2026-11-01 or 2026-11-01T08:30:00Z).";
            }
            else if (trained > now.AddDays(1))
            {
                yield return $"{at}:TrainedAt '{TrainedAt}' is in the future: check the date (day and month order) and the clock.";
            }
        }

        if (!string.IsNullOrWhiteSpace(GitSha) && (GitSha.Trim().Length is < 7 or > 64 || !GitSha.Trim().All(Uri.IsHexDigit)))
        {
            yield return $"{at}:GitSha '{GitSha}' must be a commit hash: 7 to 64 hexadecimal characters.";
        }
    }
}
