using System.Globalization;

namespace MlObservability.Outcomes;

/// <summary>
/// Settings of an <see cref="OutcomeTracker"/>: which outcome names it accepts, how many predictions it holds for the
/// join by request id and for how long, and how predicted classes are named.
/// </summary>
public sealed record OutcomeTrackerOptions
{
    /// <summary>Largest <see cref="MaxNames"/>.</summary>
    public const int MaxNamesLimit = 64;

    /// <summary>Largest <see cref="MaxClasses"/> (the class slot is 16 bits in the join table).</summary>
    public const int MaxClassesLimit = 1000;

    /// <summary>
    /// The outcome names the tracker accepts (<c>user_feedback_score</c>, <c>conversion</c>, <c>revenue</c>); any other
    /// name is dropped and counted (<c>unknown_name</c>). When empty, the first <see cref="MaxNames"/> names recorded are
    /// accepted and later ones dropped (<c>name_limit</c>). Default empty.
    /// </summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Most distinct outcome names (1 to 64); at least the number of <see cref="Names"/>. Default 8.</summary>
    public int MaxNames { get; init; } = 8;

    /// <summary>
    /// Predictions held for the join by request id (rounded up to a power of two, 1,024 to 16,777,216; 16 bytes each).
    /// The table is direct-mapped: a later prediction whose id lands on the same slot overwrites the earlier one, so hold
    /// a few times the number of predictions made in <see cref="JoinTimeToLive"/>. Default 65,536 (1 MiB).
    /// </summary>
    public int JoinCapacity { get; init; } = 65_536;

    /// <summary>How long after a prediction its outcome still joins to it; later outcomes are recorded free-standing
    /// (<c>expired</c>). Default 1 day.</summary>
    public TimeSpan JoinTimeToLive { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Class names by index, so predictions recorded by class index are named on the series. Default none
    /// (indexes are named by their number).</summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>Most distinct predicted classes on the series (1 to 1,000); later ones are <c>other</c>. Default 64.</summary>
    public int MaxClasses { get; init; } = 64;

    /// <summary>The clock; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message says which and what to set.</exception>
    public void Validate()
    {
        if (MaxNames is < 1 or > MaxNamesLimit)
        {
            throw new ArgumentException($"OutcomeTrackerOptions.MaxNames must be between 1 and {MaxNamesLimit}; got {MaxNames}.", nameof(MaxNames));
        }

        if (Names.Count > MaxNames)
        {
            throw new ArgumentException($"OutcomeTrackerOptions.Names lists {Names.Count} names but MaxNames is {MaxNames}: raise MaxNames or list fewer names.", nameof(Names));
        }

        foreach (var problem in NameProblems(Names))
        {
            throw new ArgumentException("OutcomeTrackerOptions.Names: " + problem, nameof(Names));
        }

        if (JoinCapacity is < 1024 or > 16_777_216)
        {
            throw new ArgumentException($"OutcomeTrackerOptions.JoinCapacity must be between 1,024 and 16,777,216; got {JoinCapacity.ToString(CultureInfo.InvariantCulture)}.", nameof(JoinCapacity));
        }

        if (JoinTimeToLive <= TimeSpan.Zero || JoinTimeToLive > TimeSpan.FromDays(365))
        {
            throw new ArgumentException($"OutcomeTrackerOptions.JoinTimeToLive must be positive and at most 365 days; got {JoinTimeToLive}.", nameof(JoinTimeToLive));
        }

        if (MaxClasses is < 1 or > MaxClassesLimit || (ClassLabels is { } labels && labels.Count > MaxClasses))
        {
            throw new ArgumentException($"OutcomeTrackerOptions.MaxClasses must be between 1 and {MaxClassesLimit} and at least the number of ClassLabels; got {MaxClasses}.", nameof(MaxClasses));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    /// <summary>What is wrong with a list of outcome names: empty or duplicate names, characters PromQL cannot quote.</summary>
    /// <param name="names">The names.</param>
    /// <returns>One message per problem.</returns>
    internal static IEnumerable<string> NameProblems(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                yield return "an outcome name is empty.";
            }
            else if (name.Length > 100 || name.Any(c => c is '"' or '\\' or '\n' or '\r'))
            {
                yield return $"outcome name '{name}' must be at most 100 characters without quotes, backslashes or newlines (it is a label value in generated PromQL).";
            }
            else if (!seen.Add(name))
            {
                yield return $"outcome name '{name}' is listed twice.";
            }
        }
    }
}
