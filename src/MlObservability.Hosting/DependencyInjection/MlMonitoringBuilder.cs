namespace Microsoft.Extensions.DependencyInjection;

internal sealed class MlMonitoringBuilder(IServiceCollection services) : IMlMonitoringBuilder
{
    public IServiceCollection Services { get; } = services;
}
