namespace MlObservability.Alerts;

/// <summary>Label and annotation names the alert engine, the notifiers and the generated Prometheus rules share.</summary>
public static class AlertLabels
{
    /// <summary>The rule name (Prometheus convention).</summary>
    public const string AlertName = "alertname";

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public const string Severity = "severity";

    /// <summary>The model the alert is about.</summary>
    public const string Model = "model";

    /// <summary>Annotation: one-line summary.</summary>
    public const string Summary = "summary";

    /// <summary>Annotation: what was measured (value, threshold, detector message).</summary>
    public const string Description = "description";

    /// <summary>Annotation: the runbook (steps or a link).</summary>
    public const string Runbook = "runbook";

    /// <summary>The label value of a severity.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns><c>none</c>, <c>info</c>, <c>warning</c> or <c>critical</c>.</returns>
    public static string SeverityValue(MlObservability.Severity severity) => severity switch
    {
        MlObservability.Severity.Critical => "critical",
        MlObservability.Severity.Warning => "warning",
        MlObservability.Severity.Info => "info",
        _ => "none",
    };
}
