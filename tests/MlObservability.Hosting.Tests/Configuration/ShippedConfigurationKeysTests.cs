using Microsoft.Extensions.Configuration;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Tests.Configuration;

/// <summary>The configuration files the repository ships pass the unknown-key check that a user's will meet at startup.</summary>
public sealed class ShippedConfigurationKeysTests
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MlObservability.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("MlObservability.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }

    [TestCase("samples/MlObservability.Sample/appsettings.json")]
    [TestCase("samples/MlObservability.Sample/appsettings.Simulation.json")]
    public void The_sample_configuration_has_no_unknown_keys(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), file)).Build();
        var section = configuration.GetSection(MlMonitoringOptions.SectionName);
        Assert.That(section.Exists(), Is.True);
        Assert.That(UnknownConfigurationKeys.Find(section, typeof(MlMonitoringOptions)), Is.Empty);
    }
}
