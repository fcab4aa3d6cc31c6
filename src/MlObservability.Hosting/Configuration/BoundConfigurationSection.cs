using Microsoft.Extensions.Configuration;

namespace MlObservability.Hosting.Configuration;

/// <summary>A configuration section bound to <see cref="MlMonitoringOptions"/>, kept so that its keys can be checked at startup.</summary>
/// <param name="section">The section.</param>
internal sealed class BoundConfigurationSection(IConfiguration section)
{
    /// <summary>The section.</summary>
    public IConfiguration Section { get; } = section;
}
