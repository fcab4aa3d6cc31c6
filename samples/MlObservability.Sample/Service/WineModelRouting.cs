using Microsoft.Extensions.Options;
using MlObservability.Alerts;
using MlObservability.Hosting.Configuration;
using MlObservability.Routing;

namespace MlObservability.Sample.Service;

/// <summary>
/// The wine model's versions behind the library's <see cref="ModelRouter{TModel}"/>: version 3 (the good one, trained
/// on the training split) serves first; version 4 (trained on a biased subset, Data/build_biased_model.py) is
/// registered and serves once deployed (<see cref="Deploy"/>). The guard rails come from <c>MlMonitoring:Models[wine]:Router</c>;
/// a configured alert (critical quality decay, error rate, fast burn) rolls back to the previous version, and the
/// router's decisions go through the usual notifiers as <c>MlRouterRollback</c> / <c>MlRouterManualSwitch</c>.
/// </summary>
public sealed class WineModelRouting : IDisposable
{
    /// <summary>The version trained on the training split.</summary>
    public const string GoodVersion = "3";

    /// <summary>The version trained on a biased subset.</summary>
    public const string BiasedVersion = "4";

    private readonly WineModelVersion[] _versions;

    /// <summary>Loads both versions and builds the router.</summary>
    /// <param name="options">The monitoring configuration (its <c>Router</c> section for model <c>wine</c>).</param>
    /// <param name="alerting">Its dispatcher notifies the router's decisions.</param>
    public WineModelRouting(IOptions<MlMonitoringOptions> options, AlertPipeline alerting)
    {
        var routerOptions = options.Value.Models.FirstOrDefault(m => m.Name == "wine")?.Router ?? new ModelRouterOptions();
        Router = new ModelRouter<WineModelVersion>("wine", routerOptions, alerting.Dispatcher);
        _versions = [new WineModelVersion(GoodVersion, "wine_sample_mlp.onnx"), new WineModelVersion(BiasedVersion, "wine_sample_mlp_v4_biased.onnx")];
        foreach (var version in _versions)
        {
            Router.AddVersion(version.Version, version);
        }
    }

    /// <summary>The router: <c>Router.Active.Model</c> serves a request.</summary>
    public ModelRouter<WineModelVersion> Router { get; }

    /// <summary>The registered versions.</summary>
    public IReadOnlyList<WineModelVersion> Versions => _versions;

    /// <summary>Deploys <paramref name="version"/> (a manual switch: the previous version becomes the rollback target).</summary>
    /// <param name="version">The version to serve.</param>
    /// <param name="reason">Logged and notified with the switch.</param>
    /// <returns>The router's record of the switch.</returns>
    public RouterActionRecord Deploy(string version, string reason) => Router.SwitchTo(version, reason);

    /// <inheritdoc/>
    public void Dispose()
    {
        Router.Dispose();
        foreach (var version in _versions)
        {
            version.Dispose();
        }
    }
}
