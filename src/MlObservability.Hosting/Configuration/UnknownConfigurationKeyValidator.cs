using Microsoft.Extensions.Options;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Fails startup when a bound <c>MlMonitoring</c> section holds a key that binds to nothing (a typo such as
/// <c>DriftReferencPath</c> would otherwise switch a feature off without a word), naming the key and the nearest valid one.
/// </summary>
/// <param name="sections">The sections bound with <c>AddMlMonitoring(IConfiguration)</c>.</param>
internal sealed class UnknownConfigurationKeyValidator(IEnumerable<BoundConfigurationSection> sections) : IValidateOptions<MlMonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MlMonitoringOptions options)
    {
        var failures = sections.SelectMany(s => UnknownConfigurationKeys.Find(s.Section, typeof(MlMonitoringOptions))).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
