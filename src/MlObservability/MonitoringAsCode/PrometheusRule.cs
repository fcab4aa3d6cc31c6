namespace MlObservability.MonitoringAsCode;

/// <summary>One generated recording or alerting rule.</summary>
internal sealed record PrometheusRule(
    string? Record,
    string? Alert,
    string Expr,
    TimeSpan For,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Annotations);

/// <summary>One generated rule group.</summary>
internal sealed record PrometheusRuleGroup(string Name, IReadOnlyList<PrometheusRule> Rules);
