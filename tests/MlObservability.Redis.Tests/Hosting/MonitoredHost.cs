using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlObservability.Hosting;

namespace MlObservability.Redis.Tests.Hosting;

/// <summary>A host with <c>AddMlMonitoring(section).AddRedisPendingStore()</c> and model <c>wine</c> (every prediction
/// sampled), configured like an appsettings file; each has its own container, monitor and store, like a replica.</summary>
internal static class MonitoredHost
{
    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Models:0:Version"] = "3",
            ["MlMonitoring:Models:0:Quality:ClassLabels:0"] = "red",
            ["MlMonitoring:Models:0:Quality:ClassLabels:1"] = "white",
            ["MlMonitoring:Models:0:Quality:SamplingRate"] = "1",
            ["MlMonitoring:ResourceMetrics"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMlMonitoring(builder.Configuration.GetSection("MlMonitoring")).AddRedisPendingStore();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static Dictionary<string, string?> UsingRedis(string connectionString, string keyPrefix) => new()
    {
        ["MlMonitoring:Quality:PendingStore"] = "Redis",
        ["MlMonitoring:Quality:Redis:ConnectionString"] = connectionString,
        ["MlMonitoring:Quality:Redis:KeyPrefix"] = keyPrefix,
    };

    public static ModelMonitor Wine(this IHost host) => host.Services.GetRequiredService<ModelMonitorRegistry>().GetModel("wine");
}
