namespace MlObservability.MonitoringAsCode;

/// <summary>Settings of the generated <c>prometheus.yml</c>: how Prometheus finds the model servers, and where its rules
/// and Alertmanager are.</summary>
public sealed class PrometheusScrapeConfigOptions
{
    /// <summary>The scrape job's name (label <c>job</c>); <c>ml-model-servers</c>.</summary>
    public string JobName { get; set; } = "ml-model-servers";

    /// <summary>The path the services expose metrics on (<c>MlMonitoring:Prometheus:Path</c>); <c>/metrics</c>.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>How often Prometheus scrapes and evaluates rules; 15 seconds (the seeds). The generated rules use
    /// windows of 5 minutes and more, so anything up to a minute works.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Fixed <c>host:port</c> targets (a VM, docker compose); <c>127.0.0.1:9464</c>, the library's default endpoint, to
    /// start with. Ignored with <see cref="KubernetesDiscovery"/>.
    /// </summary>
    public IList<string> StaticTargets { get; } = new List<string> { "127.0.0.1:9464" };

    /// <summary>
    /// Discover the targets in Kubernetes instead (seed 003): pods whose label <see cref="KubernetesAppLabel"/> is
    /// <see cref="KubernetesAppValue"/>, with the <c>prometheus.io/path</c> and <c>prometheus.io/port</c> annotations
    /// honoured. Default <see langword="false"/>.
    /// </summary>
    public bool KubernetesDiscovery { get; set; }

    /// <summary>The pod label that marks model servers, for Kubernetes discovery; <c>app</c>.</summary>
    public string KubernetesAppLabel { get; set; } = "app";

    /// <summary>Its value; <c>model-server</c>.</summary>
    public string KubernetesAppValue { get; set; } = "model-server";

    /// <summary>Alertmanager <c>host:port</c> targets; <c>alertmanager:9093</c>.</summary>
    public IList<string> AlertmanagerTargets { get; } = new List<string> { "alertmanager:9093" };
}
