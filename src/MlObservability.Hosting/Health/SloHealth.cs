namespace MlObservability.Hosting.Health;

/// <summary>
/// One objective's state at its tracker's last evaluation, as the <see cref="MlMonitoringHealthCheck"/> reports it in
/// <c>HealthCheckResult.Data</c> (key <c>slo:{model}:{objective}</c>) and <see cref="MlMonitoringHealthResponseWriter"/>
/// writes it under <c>models[].slos</c>. Informational: it does not change the health status (burn findings do).
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Objective">The objective's name.</param>
/// <param name="Compliance">Good / total over the SLO period.</param>
/// <param name="ErrorBudgetRemaining">The share of the error budget left.</param>
/// <param name="ErrorBudgetExhaustionSeconds">Seconds until the budget is spent at the forecast window's burn rate
/// (0 spent, infinity not burning).</param>
/// <param name="ForecastBurnRate">The burn rate the forecast extrapolates.</param>
/// <param name="EvaluatedAt">When the tracker computed it.</param>
internal sealed record SloHealth(string Model, string Objective, double Compliance, double ErrorBudgetRemaining, double ErrorBudgetExhaustionSeconds, double ForecastBurnRate, DateTimeOffset EvaluatedAt);
