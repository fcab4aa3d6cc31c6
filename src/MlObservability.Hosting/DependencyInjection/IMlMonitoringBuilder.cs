namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>services.AddMlMonitoring(...)</c>: add models, evaluators, event sinks and per-model components
/// (drift monitors, quality monitors, SLO trackers, alert engines) with its extension methods.
/// </summary>
public interface IMlMonitoringBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
