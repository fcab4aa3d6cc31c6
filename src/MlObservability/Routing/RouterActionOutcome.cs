namespace MlObservability.Routing;

/// <summary>How a router action ended (tag <c>ml.router.outcome</c>).</summary>
public enum RouterActionOutcome
{
    /// <summary>Traffic was switched.</summary>
    Applied,

    /// <summary>Dry-run: notified and logged, traffic unchanged.</summary>
    DryRun,

    /// <summary>Suppressed: another automatic action happened within the cool-down.</summary>
    SuppressedByCoolDown,

    /// <summary>Nothing to switch to: no previous version (the one before was already rolled back to), or the version is
    /// unknown or quarantined after a rollback.</summary>
    NoTarget,
}
