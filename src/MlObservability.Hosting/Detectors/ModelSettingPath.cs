using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Detectors;

/// <summary>The configuration path of a model's setting, as startup messages name it.</summary>
internal static class ModelSettingPath
{
    /// <summary><c>MlMonitoring:Models:N:</c> followed by <paramref name="setting"/>, N the model's index.</summary>
    public static string Of(ModelMonitorContext context, string setting)
    {
        var models = context.Services.GetService<IOptions<MlMonitoringOptions>>()?.Value.Models;
        int index = models?.IndexOf(context.Options) ?? -1;
        string model = index >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{MlMonitoringOptions.SectionName}:Models:{index}")
            : $"{MlMonitoringOptions.SectionName}:Models ('{context.Options.Name}')";
        return $"{model}:{setting}";
    }
}
