using System.Text.RegularExpressions;
using MlObservability.OpenTelemetry.Tests.Support;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>docs/metrics.md says what the real exporter does: every documented pair of names is checked against a scrape.</summary>
public sealed partial class MetricsDocumentationTests
{
    private MonitoredTestHost _host = null!;
    private PrometheusExposition _scrape = null!;
    private List<(string OtelName, string PrometheusName, string Unit)> _documented = null!;

    [OneTimeSetUp]
    public async Task ScrapeAndReadDocs()
    {
        _host = await MonitoredTestHost.StartAsync();
        _host.RecordTraffic();
        StartDetectors();
        StartFleetQuality();
        _scrape = PrometheusExposition.Parse(await _host.ScrapeAsync());
        string doc = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "docs", "metrics.md"));
        _documented = TableRow().Matches(doc)
            .Select(m => (m.Groups["otel"].Value, m.Groups["prom"].Value, m.Groups["unit"].Value.Trim('`', ' ')))
            .ToList();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        StopDetectors();
        await _host.DisposeAsync();
    }

    [Test]
    public void Every_documented_prometheus_name_is_what_the_exporter_produces()
    {
        Assert.That(_documented, Has.Count.GreaterThanOrEqualTo(30), "the reference lists every agreed instrument");
        Assert.Multiple(() =>
        {
            foreach (var (otel, prometheus, _) in _documented)
            {
                Assert.That(_scrape.Types.ContainsKey(prometheus), Is.True, $"{otel} is documented as {prometheus}, which the scrape does not contain");
            }
        });
    }

    [Test]
    public void Every_exported_ml_family_is_documented()
    {
        var documented = _documented.Select(d => d.PrometheusName).ToHashSet(StringComparer.Ordinal);
        var undocumented = _scrape.Types.Keys.Where(k => k.StartsWith("ml_", StringComparison.Ordinal) && !documented.Contains(k)).ToList();
        Assert.That(undocumented, Is.Empty);
    }

    [GeneratedRegex(@"^\| `(?<otel>ml\.[a-z0-9._]+)` \| `(?<prom>ml_[a-z0-9_]+)` \| [^|]+ \| (?<unit>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
