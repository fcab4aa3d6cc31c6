using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlObservability.Hosting.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddHealthChecks().AddMlMonitoring()</c>.</summary>
public static class MlMonitoringHealthChecksBuilderExtensions
{
    /// <summary>Adds the <see cref="MlMonitoringHealthCheck"/> (SLO burn and critical drift) to the health checks.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check name. Default <c>ml-monitoring</c>.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddMlMonitoring(this IHealthChecksBuilder builder, string name = MlMonitoringHealthCheck.DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMlMonitoring();
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetRequiredService<MlMonitoringHealthCheck>(),
            failureStatus: null,
            tags));
    }
}
