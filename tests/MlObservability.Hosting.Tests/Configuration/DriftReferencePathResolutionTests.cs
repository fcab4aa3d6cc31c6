using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MlObservability.Hosting.Tests.Configuration;

/// <summary>A relative profile path that is nowhere: the startup error names every place it was looked for.</summary>
public sealed class DriftReferencePathResolutionTests
{
    [Test]
    public void A_missing_relative_profile_names_the_content_root_and_the_working_directory()
    {
        string root = Directory.CreateTempSubdirectory("mlobs-root").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
            builder.Services.AddMlMonitoring(o =>
            {
                o.ResourceMetrics = false;
                o.AddModel("wine", "3", m => m.DriftReferencePath = Path.Combine("Data", "no-such-profile.json"));
            });
            using var host = builder.Build();

            var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            string underRoot = Path.Combine(root, "Data", "no-such-profile.json");
            string underWorkingDirectory = Path.GetFullPath(Path.Combine("Data", "no-such-profile.json"));
            Assert.That(error!.Message, Does.Contain("MlMonitoring:Models:0:DriftReferencePath 'Data" + Path.DirectorySeparatorChar + "no-such-profile.json' does not exist")
                .And.Contain($"looked for at '{underRoot}' and '{underWorkingDirectory}'"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_relative_profile_under_the_content_root_is_found()
    {
        string root = Directory.CreateTempSubdirectory("mlobs-root").FullName;
        try
        {
            var profile = new MlObservability.Drift.ReferenceProfileBuilder(["x"]);
            for (int i = 0; i < 20; i++)
            {
                profile.AddRow([i]);
            }

            profile.Build().Save(Path.Combine(root, "profile.json"));
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
            builder.Services.AddMlMonitoring(o =>
            {
                o.ResourceMetrics = false;
                o.AddModel("wine", "3", m => m.DriftReferencePath = "profile.json");
            });
            using var host = builder.Build();

            var options = host.Services.GetRequiredService<IOptions<MlObservability.Hosting.Configuration.MlMonitoringOptions>>().Value;

            Assert.That(options.Models[0].DriftReferencePath, Is.EqualTo(Path.Combine(root, "profile.json")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
