using MlObservability.MonitoringAsCode;
using MlObservability.OpenTelemetry.Tests.Support;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>A host started on loopback, traffic recorded, /metrics scraped over HTTP, parsed, checked and linted by promtool.</summary>
public sealed class PrometheusEndpointEndToEndTests
{
    private MonitoredTestHost _host = null!;
    private string _text = null!;
    private PrometheusExposition _scrape = null!;

    private static readonly (string, string)[] ModelLabels =
        [("ml_model_name", MonitoredTestHost.Model), ("ml_model_version", MonitoredTestHost.Version), ("ml_endpoint", "/predict")];

    [OneTimeSetUp]
    public async Task StartAndScrape()
    {
        _host = await MonitoredTestHost.StartAsync();
        _host.RecordTraffic();
        _text = await _host.ScrapeAsync();
        _scrape = PrometheusExposition.Parse(_text);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public void Requests_are_a_counter_with_total_suffix_and_model_labels()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Types["ml_inference_requests_total"], Is.EqualTo("counter"));
            Assert.That(_scrape.Find("ml_inference_requests_total", [.. ModelLabels, ("ml_outcome", "success")]).Single().Value, Is.EqualTo(8));
            Assert.That(_scrape.Find("ml_inference_requests_total", [.. ModelLabels, ("ml_outcome", "error")]).Single().Value, Is.EqualTo(2));
            Assert.That(_scrape.Find("ml_inference_requests_total", [.. ModelLabels, ("ml_outcome", "cancelled")]).Single().Value, Is.EqualTo(1));
            Assert.That(_scrape.Find("ml_inference_errors_total", [.. ModelLabels, ("error_type", "TimeoutException")]).Single().Value, Is.EqualTo(2));
        });
    }

    [Test]
    public void Duration_is_a_histogram_in_seconds_with_cumulative_buckets()
    {
        var buckets = _scrape.Find("ml_inference_duration_seconds_bucket", [.. ModelLabels, ("ml_outcome", "success")]);
        double Le(string le) => buckets.Single(b => b.Labels["le"] == le).Value;
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Types["ml_inference_duration_seconds"], Is.EqualTo("histogram"));
            Assert.That(Le("0.01"), Is.EqualTo(0));
            Assert.That(Le("0.025"), Is.EqualTo(4));
            Assert.That(Le("0.05"), Is.EqualTo(8));
            Assert.That(Le("+Inf"), Is.EqualTo(8));
            Assert.That(_scrape.Find("ml_inference_duration_seconds_count", [.. ModelLabels, ("ml_outcome", "success")]).Single().Value, Is.EqualTo(8));
            Assert.That(_scrape.Find("ml_inference_duration_seconds_sum", [.. ModelLabels, ("ml_outcome", "success")]).Single().Value, Is.EqualTo(0.24).Within(1e-9));
            Assert.That(_scrape.Find("ml_inference_batch_size_sum", ModelLabels).Single().Value, Is.EqualTo(8 * 2 + 1 + 1 + 1));
        });
    }

    [Test]
    public void Quantile_gauge_and_active_requests_are_exported()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Types["ml_inference_duration_quantile_seconds"], Is.EqualTo("gauge"));
            Assert.That(_scrape.Find("ml_inference_duration_quantile_seconds", [.. ModelLabels, ("ml_quantile", "0.99")]).Single().Value, Is.EqualTo(0.040).Within(0.040 * 0.01));
            Assert.That(_scrape.Types["ml_inference_active"], Is.EqualTo("gauge"));
            Assert.That(_scrape.Find("ml_inference_active", ModelLabels).Single().Value, Is.EqualTo(0), "the call started with Start() has ended");
        });
    }

    [Test]
    public void Resource_metrics_are_exported_with_their_prometheus_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Types["ml_process_cpu_utilization"], Is.EqualTo("gauge"));
            Assert.That(_scrape.Types["ml_process_memory_usage_bytes"], Is.EqualTo("gauge"));
            Assert.That(_scrape.Types["ml_runtime_gc_collections_total"], Is.EqualTo("counter"));
            Assert.That(_scrape.Find("ml_runtime_gc_collections_total", ("gc_generation", "gen0")), Has.Count.EqualTo(1));
            Assert.That(_scrape.Types["ml_runtime_threadpool_queue_length"], Is.EqualTo("gauge"));
            Assert.That(_scrape.Types["ml_runtime_gc_heap_size_bytes"], Is.EqualTo("gauge"));
            Assert.That(_scrape.Find("ml_process_memory_usage_bytes").Single().Value, Is.GreaterThan(1_000_000));
        });
    }

    [Test]
    public async Task Promtool_accepts_the_exposition()
    {
        string? promtool = ExternalTool.Find("promtool");
        if (promtool is null)
        {
            Assert.Ignore("promtool is not installed (Debian package 'prometheus'); CI installs it.");
        }

        // Clean means exit code 0 and no finding at all: promtool exits 3 for lint findings (such as a "quantile"
        // label on a gauge) and 1 or 2 when it cannot parse the exposition.
        var (exitCode, output) = await ExternalTool.RunAsync(promtool, _text, "check", "metrics");
        // The fleet drift counters carry an `le` label on purpose (docs/fleet.md): they are cumulative counts over the
        // bin index that the generated rules read like histogram buckets, exported as counters because an observable
        // instrument cannot publish a histogram from pre-aggregated bins. promtool's lint flags exactly that, nothing else.
        string[] fleetSeries = [ExportedMetricNames.FeatureBin, ExportedMetricNames.FeatureReferenceFraction];
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !fleetSeries.Any(f => p == $"{f} non-histogram metrics should not have \"le\" label"))
            .ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, $"promtool check metrics:\n{output}");
            Assert.That(exitCode, Is.Zero.Or.EqualTo(problems.Length == 0 ? 3 : 0), $"promtool check metrics:\n{output}");
        });
    }

    [Test]
    public void Endpoint_listens_on_loopback_only()
    {
        var addresses = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
            .Where(e => e.Port == _host.Port)
            .ToList();
        Assert.That(addresses, Is.Not.Empty);
        Assert.That(addresses.All(a => System.Net.IPAddress.IsLoopback(a.Address)), Is.True, string.Join(", ", addresses));
    }
}
