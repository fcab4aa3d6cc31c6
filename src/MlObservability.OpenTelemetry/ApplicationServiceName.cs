using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace MlObservability.OpenTelemetry;

/// <summary>
/// Gives the telemetry resource the host's application name (<see cref="IHostEnvironment.ApplicationName"/>) as
/// <c>service.name</c> when nobody else named the service, instead of the SDK's <c>unknown_service:dotnet</c>.
/// Anything the application sets wins: <c>ConfigureResource(r => r.AddService(...))</c> (before or after
/// <c>AddMlMonitoring()</c>), <c>OTEL_SERVICE_NAME</c> or <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>.
/// </summary>
internal static class ApplicationServiceName
{
    private const string ServiceNameKey = "service.name";
    private const string UnknownServicePrefix = "unknown_service";

    /// <summary>Adds the default to <paramref name="resource"/> if its service is still unnamed.</summary>
    /// <param name="resource">The provider's resource builder, with every callback registered before this one applied.</param>
    /// <param name="services">The application's services (for <see cref="IHostEnvironment"/>).</param>
    public static void ApplyDefault(ResourceBuilder resource, IServiceProvider services)
    {
        string? applicationName = services.GetService<IHostEnvironment>()?.ApplicationName;
        if (string.IsNullOrWhiteSpace(applicationName) || !IsUnnamed(resource))
        {
            return;
        }

        // A callback registered later may still name the service: it merges over this one and wins.
        resource.AddService(applicationName, autoGenerateServiceInstanceId: false);
    }

    private static bool IsUnnamed(ResourceBuilder resource)
    {
        Resource built;
        try
        {
            built = resource.Build();
        }
        catch (NotSupportedException)
        {
            // A detector that needs the service provider cannot be built yet; leave naming to the application.
            return false;
        }

        foreach (var attribute in built.Attributes)
        {
            if (attribute.Key == ServiceNameKey)
            {
                return attribute.Value is string name && name.StartsWith(UnknownServicePrefix, StringComparison.Ordinal);
            }
        }

        return true;
    }
}
