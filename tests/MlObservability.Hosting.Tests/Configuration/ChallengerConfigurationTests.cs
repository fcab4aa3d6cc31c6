using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Challengers;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Tests.Configuration;

/// <summary>Issue 19: a model's <c>Router</c> and <c>Shadow</c> sections bind from <c>MlMonitoring</c> and are validated at startup.</summary>
public sealed class ChallengerConfigurationTests
{
    private static IOptions<MlMonitoringOptions> Options(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("MlMonitoring"));
        return services.BuildServiceProvider().GetRequiredService<IOptions<MlMonitoringOptions>>();
    }

    [Test]
    public void RouterAndShadowSectionsBind()
    {
        var model = Options(new()
        {
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Models:0:Router:RollbackAlerts:0"] = "MlQualityDecay",
            ["MlMonitoring:Models:0:Router:CoolDown"] = "00:20:00",
            ["MlMonitoring:Models:0:Router:DryRun"] = "true",
            ["MlMonitoring:Models:0:Shadow:Share"] = "0.1",
            ["MlMonitoring:Models:0:Shadow:Sampling"] = "Random",
        }).Value.Models[0];
        Assert.Multiple(() =>
        {
            Assert.That(model.Router!.EffectiveRollbackAlerts, Is.EqualTo(new[] { "MlQualityDecay" }), "the configured list replaces the defaults");
            Assert.That(model.Router.CoolDown, Is.EqualTo(TimeSpan.FromMinutes(20)));
            Assert.That(model.Router.DryRun, Is.True);
            Assert.That(model.Shadow!.Share, Is.EqualTo(0.1));
            Assert.That(model.Shadow.Sampling, Is.EqualTo(ShadowSampling.Random));
        });
    }

    [Test]
    public void InvalidRouterAndShadowSettingsFailAtStartupWithTheirPath()
    {
        var options = Options(new()
        {
            ["MlMonitoring:Models:0:Name"] = "wine",
            ["MlMonitoring:Models:0:Router:CoolDown"] = "-00:01:00",
            ["MlMonitoring:Models:0:Shadow:Share"] = "1.5",
        });
        var error = Assert.Throws<OptionsValidationException>(() => _ = options.Value)!;
        Assert.That(error.Failures, Has.Some.StartsWith("MlMonitoring:Models:0:Router:CoolDown:").And.Contains("must not be negative"));
        Assert.That(error.Failures, Has.Some.StartsWith("MlMonitoring:Models:0:Shadow:Share:").And.Contains("must be in [0, 1]"));
    }
}
