using MlObservability.Outcomes;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Business outcomes of one model (<c>MlMonitoring:Models:N:Outcomes</c>): user ratings, conversions, revenue reported
/// with <c>model.RecordOutcome(name, value, requestId)</c>. With <see cref="Names"/> listed (or <see cref="Enabled"/>),
/// the model gets an <see cref="OutcomeTracker"/>: <c>ml.outcome.value</c> per outcome name and predicted class, the
/// outcome SLOs of <c>Slo:Outcomes</c>, and the <c>MlLowUserSatisfaction</c> alert.
/// </summary>
public sealed class ModelOutcomeOptions
{
    /// <summary>Whether the model gets an outcome tracker even without <see cref="Names"/> (it then accepts the first
    /// <see cref="MaxNames"/> names recorded). Default <see langword="false"/>; listing names enables it.</summary>
    public bool Enabled { get; set; }

    /// <summary>The outcome names accepted (for example <c>user_feedback_score</c>, <c>conversion</c>); others are
    /// dropped and counted (<c>ml.outcome.dropped</c>, <c>unknown_name</c>).</summary>
    public IList<string> Names { get; } = new List<string>();

    /// <summary>Most distinct outcome names (1 to 64). Default 8.</summary>
    public int MaxNames { get; set; } = 8;

    /// <summary>Predictions held for the join by request id (1,024 to 16,777,216; 16 bytes each). Default 65,536.</summary>
    public int JoinCapacity { get; set; } = 65_536;

    /// <summary>How long after a prediction its outcome still joins to it. Default 1 day.</summary>
    public TimeSpan JoinTimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Whether the model gets a tracker.</summary>
    internal bool IsOn => Enabled || Names.Count > 0;

    internal OutcomeTrackerOptions ToTrackerOptions(ModelMonitorOptions model, TimeProvider timeProvider) => new()
    {
        Names = [.. Names],
        MaxNames = MaxNames,
        JoinCapacity = JoinCapacity,
        JoinTimeToLive = JoinTimeToLive,
        ClassLabels = model.Quality.ClassLabels.Count > 0 ? [.. model.Quality.ClassLabels] : null,
        MaxClasses = Math.Clamp(Math.Max(64, model.Quality.ClassLabels.Count), 1, OutcomeTrackerOptions.MaxClassesLimit),
        TimeProvider = timeProvider,
    };

    /// <summary>What is wrong, each message naming the setting under <paramref name="at"/>.</summary>
    internal IEnumerable<string> Problems(string at, ModelSloOptions slo)
    {
        if (MaxNames is < 1 or > OutcomeTrackerOptions.MaxNamesLimit)
        {
            yield return $"{at}:MaxNames must be between 1 and {OutcomeTrackerOptions.MaxNamesLimit}; got {MaxNames}.";
        }
        else if (Names.Count > MaxNames)
        {
            yield return $"{at}:Names lists {Names.Count} names but {at}:MaxNames is {MaxNames}: raise MaxNames or list fewer names.";
        }

        foreach (var problem in OutcomeTrackerOptions.NameProblems([.. Names]))
        {
            yield return $"{at}:Names: {problem}";
        }

        if (JoinCapacity is < 1024 or > 16_777_216)
        {
            yield return $"{at}:JoinCapacity must be between 1024 and 16777216 (16 bytes a slot); got {JoinCapacity}.";
        }

        if (JoinTimeToLive <= TimeSpan.Zero || JoinTimeToLive > TimeSpan.FromDays(365))
        {
            yield return $"{at}:JoinTimeToLive must be a positive duration of at most 365 days (for example \"1.00:00:00\"); got {JoinTimeToLive}.";
        }

        string sloAt = at[..at.LastIndexOf(':')] + ":Slo:Outcomes";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < slo.Outcomes.Count; i++)
        {
            var objective = slo.Outcomes[i];
            string here = $"{sloAt}:{i}";
            if (string.IsNullOrWhiteSpace(objective.Name) || !seen.Add(objective.Name))
            {
                yield return $"{here}:Name must be set and unique among the model's objectives; got '{objective.Name}'.";
            }

            if (string.IsNullOrWhiteSpace(objective.Outcome))
            {
                yield return $"{here}:Outcome must name the outcome it judges (for example user_feedback_score).";
            }
            else if (!IsOn)
            {
                yield return $"{here}:Outcome '{objective.Outcome}' needs the model's outcome tracker: list it in {at}:Names.";
            }
            else if (Names.Count > 0 && !Names.Contains(objective.Outcome, StringComparer.Ordinal))
            {
                yield return $"{here}:Outcome '{objective.Outcome}' is not one of {at}:Names ({string.Join(", ", Names)}): add it there or fix the name.";
            }

            if (objective.Threshold is not { } threshold || !double.IsFinite(threshold))
            {
                yield return $"{here}:Threshold must be a finite number (the value a good outcome reaches, for example 3 for \"score at least 3\").";
            }

            if (!(objective.Target > 0 && objective.Target < 1))
            {
                yield return $"{here}:Target must be between 0 and 1 exclusive (0.95 means 95 % of outcomes good); got {objective.Target}.";
            }
        }
    }
}
