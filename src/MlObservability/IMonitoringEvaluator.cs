namespace MlObservability;

/// <summary>
/// Background work that runs on a schedule, off the recording path: drift tests, quality metrics, SLO burn rates, alert
/// rules. The hosting package calls <see cref="Evaluate"/> periodically; without it, call it from your own timer.
/// Implementations catch their own failures (reporting them through self-diagnostics) and never throw.
/// </summary>
public interface IMonitoringEvaluator
{
    /// <summary>A short name for diagnostics, for example <c>drift:fraud-detector</c>.</summary>
    string EvaluatorName { get; }

    /// <summary>Runs one evaluation pass.</summary>
    /// <param name="now">The evaluation time (from the host's <see cref="TimeProvider"/>).</param>
    void Evaluate(DateTimeOffset now);
}
