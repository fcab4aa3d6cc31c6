using System.Globalization;
using MlObservability.Alerts;
using MlObservability.Routing;
using MlObservability.Sample.Service;

namespace MlObservability.Sample.Simulation;

/// <summary>
/// The bad deploy of the simulation, as the report tells it: when the version was deployed, which alert detected it,
/// when the router rolled back, when the alert resolved (recovery), and how many requests the bad version served.
/// Built from the router's own history and the notifications the journal received, not from the simulation's plan.
/// </summary>
public sealed class RollbackTimeline
{
    /// <summary>The bad version may serve at most this share of its phase's requests: detection needs the label delay
    /// (2 s), a few hundred labels in the rolling window and the alert's <c>for</c> (3 s), which is well under half of
    /// the 20 s phase; a rollback that comes later than this failed its purpose.</summary>
    public const double MaxServedShare = 0.6;

    private readonly SimulationJournal _journal;

    private RollbackTimeline(SimulationJournal journal, string phase, string goodVersion, string badVersion, long phaseRequests, long served, double accuracyAtEnd,
        RouterActionRecord deploy, SimulationJournal.AlertEntry? detection, RouterActionRecord? rollback, SimulationJournal.AlertEntry? recovery, string activeAtEnd)
    {
        _journal = journal;
        Phase = phase;
        GoodVersion = goodVersion;
        BadVersion = badVersion;
        PhaseRequests = phaseRequests;
        ServedByBadVersion = served;
        AccuracyAtEnd = accuracyAtEnd;
        Deploy = deploy;
        Detection = detection;
        Rollback = rollback;
        Recovery = recovery;
        ActiveAtEnd = activeAtEnd;
    }

    /// <summary>The phase that deployed the bad version.</summary>
    public string Phase { get; }

    /// <summary>The version served before the deploy.</summary>
    public string GoodVersion { get; }

    /// <summary>The deployed version.</summary>
    public string BadVersion { get; }

    /// <summary>Requests answered during the phase.</summary>
    public long PhaseRequests { get; }

    /// <summary>Requests the bad version answered.</summary>
    public long ServedByBadVersion { get; }

    /// <summary>Realised accuracy at the end of the phase.</summary>
    public double AccuracyAtEnd { get; }

    /// <summary>The router's record of the deploy.</summary>
    public RouterActionRecord Deploy { get; }

    /// <summary>The first configured alert that fired after the deploy; null when none did.</summary>
    public SimulationJournal.AlertEntry? Detection { get; }

    /// <summary>The router's applied rollback after the deploy; null when none was applied.</summary>
    public RouterActionRecord? Rollback { get; }

    /// <summary>The detecting alert's resolution after the rollback; null when it still fired at the end.</summary>
    public SimulationJournal.AlertEntry? Recovery { get; }

    /// <summary>The version the router served at the end.</summary>
    public string ActiveAtEnd { get; }

    /// <summary>The timeline of the first phase that deployed a version; null when the scenario has none.</summary>
    /// <param name="phases">The scenario.</param>
    /// <param name="summaries">What each phase looked like, in the same order.</param>
    /// <param name="routing">The router and the versions.</param>
    /// <param name="journal">The notifications received.</param>
    /// <returns>The timeline, or null.</returns>
    public static RollbackTimeline? Build(IReadOnlyList<TrafficPhase> phases, IReadOnlyList<PhaseSummary> summaries, WineModelRouting routing, SimulationJournal journal)
    {
        int index = phases.ToList().FindIndex(p => p.Deploy is not null);
        var history = routing.Router.History;
        if (index < 0 || index >= summaries.Count
            || history.FirstOrDefault(r => r.Action == RouterAction.ManualSwitch && r.Outcome == RouterActionOutcome.Applied && r.ToVersion == phases[index].Deploy) is not { } deploy)
        {
            return null;
        }

        var options = routing.Router.Options;
        var rollback = history.FirstOrDefault(r => r.Time >= deploy.Time && r.Action == RouterAction.Rollback && r.Outcome == RouterActionOutcome.Applied);
        var alerts = journal.Alerts.ToArray();
        double deployedAt = journal.SecondsAt(deploy.Time);
        var detection = alerts.FirstOrDefault(a => a.At >= deployedAt && a.Alert.State == AlertState.Firing && a.Alert.Model == routing.Router.ModelName
            && a.Alert.Severity >= options.MinimumSeverity && options.EffectiveRollbackAlerts.Contains(a.Alert.Name));
        var recovery = detection is null || rollback is null ? null : alerts.FirstOrDefault(a => a.At >= journal.SecondsAt(rollback.Time)
            && a.Alert.State == AlertState.Resolved && a.Alert.Fingerprint == detection.Alert.Fingerprint);
        return new RollbackTimeline(journal, phases[index].Name, deploy.FromVersion, deploy.ToVersion, summaries[index].Requests,
            routing.Versions.First(v => v.Version == deploy.ToVersion).Served, summaries[index].RealizedAccuracy,
            deploy, detection, rollback, recovery, routing.Router.Active.Version);
    }

    /// <summary>Prints the timeline.</summary>
    /// <param name="w">Where to.</param>
    public void Print(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"Bad deploy and rollback (model router, phase {Phase}):");
        Line(w, _journal.SecondsAt(Deploy.Time), "deploy", $"{GoodVersion} -> {BadVersion}: {Deploy.Reason}");
        if (Detection is { } d)
        {
            string summary = d.Alert.Annotations.TryGetValue(AlertLabels.Summary, out string? s) ? s : string.Empty;
            Line(w, d.At, "detection", string.Create(CultureInfo.InvariantCulture, $"{d.Alert.Name} {d.Alert.Severity.ToString().ToLowerInvariant()} fired: {summary}"));
        }
        else
        {
            w.WriteLine("  detection  no configured alert fired");
        }

        if (Rollback is { } r)
        {
            Line(w, _journal.SecondsAt(r.Time), "rollback", $"{r.FromVersion} -> {r.ToVersion} ({BadVersion} quarantined): {r.Reason}");
        }
        else
        {
            w.WriteLine("  rollback   none applied");
        }

        if (Recovery is { } rec)
        {
            Line(w, rec.At, "recovery", string.Create(CultureInfo.InvariantCulture, $"{rec.Alert.Name} resolved; accuracy {AccuracyAtEnd:0.00} at the end of the phase"));
        }
        else
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  recovery   the alert had not resolved by the end of the phase; accuracy {AccuracyAtEnd:0.00}"));
        }

        string window = Rollback is { } rb ? string.Create(CultureInfo.InvariantCulture, $" over {(rb.Time - Deploy.Time).TotalSeconds:0.0} s") : string.Empty;
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  version {BadVersion} served {ServedByBadVersion:N0} of the phase's {PhaseRequests:N0} requests{window}; version {ActiveAtEnd} serves at the end"));
    }

    /// <summary>What the run asserts about the bad deploy.</summary>
    /// <returns>The checks.</returns>
    public IEnumerable<(string What, bool Passed)> Checks() =>
    [
        ($"bad deploy: a configured alert detected version {BadVersion}", Detection is not null),
        ($"bad deploy: the router rolled back to version {GoodVersion}, which serves at the end", Rollback?.ToVersion == GoodVersion && ActiveAtEnd == GoodVersion),
        (string.Create(CultureInfo.InvariantCulture, $"bad deploy: version {BadVersion} served under {MaxServedShare:P0} of its phase ({ServedByBadVersion:N0} of {PhaseRequests:N0})"),
            ServedByBadVersion > 0 && ServedByBadVersion < MaxServedShare * PhaseRequests),
    ];

    private static void Line(TextWriter w, double at, string what, string detail) =>
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t+{at,5:0.0}s  {what,-10} {detail}"));
}
