namespace MlObservability.Alerts;

/// <summary>Settings of an <see cref="AlertEngine"/>.</summary>
public sealed class AlertEngineOptions
{
    /// <summary>Labels whose values group alerts into one notification; model and severity by default (the seeds'
    /// Alertmanager route).</summary>
    public IReadOnlyList<string> GroupBy { get; set; } = [AlertLabels.Model, AlertLabels.Severity];

    /// <summary>How often a still-firing alert is notified again; four hours by default.</summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>A firing alert inhibits (silences) alerts of lower severity whose values of these labels are equal;
    /// by default the same model. Empty disables inhibition.</summary>
    public IReadOnlyList<string> InhibitEqual { get; set; } = [AlertLabels.Model];

    /// <summary>An event condition whose latest event is older than this no longer holds (the detector stopped
    /// reporting); six hours by default.</summary>
    public TimeSpan EventStaleAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>At most this many event series (kind and label set) of custom kinds (any kind not in
    /// <see cref="AlertEngine.StandardEventKinds"/>) are tracked at once; a new series past it is dropped and counted
    /// (<c>ml.alerts.events.dropped{reason="custom_series_limit"}</c>). A series is released as soon as no rule can hold on
    /// it (cleared) or its latest event is older than <see cref="EventStaleAfter"/>. Default 10,000.</summary>
    public int MaxEventSeries { get; set; } = 10_000;

    /// <summary>At most this many series of the standard kinds (SLO burn, drift, quality decay) are tracked at once, in a
    /// budget of their own that custom events cannot use; a new series past it is dropped and counted
    /// (<c>ml.alerts.events.dropped{reason="standard_series_limit"}</c>). Default 10,000.</summary>
    public int MaxStandardEventSeries { get; set; } = 10_000;

    /// <summary>The clock for event arrival times; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(GroupBy);
        ArgumentNullException.ThrowIfNull(InhibitEqual);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (RepeatInterval <= TimeSpan.Zero || EventStaleAfter <= TimeSpan.Zero || MaxEventSeries < 1 || MaxStandardEventSeries < 1)
        {
            throw new ArgumentException("AlertEngineOptions: RepeatInterval and EventStaleAfter must be positive and MaxEventSeries and MaxStandardEventSeries at least 1.");
        }
    }
}
