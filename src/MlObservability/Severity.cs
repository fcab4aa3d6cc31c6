namespace MlObservability;

/// <summary>How serious a finding is; shared by drift detection, quality decay, SLO burn and alert rules.</summary>
public enum Severity
{
    /// <summary>Nothing to report.</summary>
    None = 0,

    /// <summary>Worth knowing; no action needed yet.</summary>
    Info = 1,

    /// <summary>Needs attention within working hours (a ticket).</summary>
    Warning = 2,

    /// <summary>Needs attention now (a page).</summary>
    Critical = 3,
}
