using Microsoft.Extensions.DependencyInjection;

namespace MlObservability.OpenTelemetry;

internal sealed class MlMonitoringBuilder(IServiceCollection services) : IMlMonitoringBuilder
{
    public IServiceCollection Services { get; } = services;
}
