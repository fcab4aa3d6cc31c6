using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlObservability.OpenTelemetry.Tests.Support;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>
/// A real Prometheus server (Debian's /usr/bin/prometheus) started on loopback scrapes a monitored host every second;
/// PromQL through its HTTP API must return our series. Bounded in time; the server and its data are removed afterwards.
/// </summary>
public sealed class RealPrometheusScrapeTests
{
    private static readonly TimeSpan QueryDeadline = TimeSpan.FromSeconds(60);

    private MonitoredTestHost _host = null!;
    private Process? _prometheus;
    private string _dataDir = null!;
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Uri _api = null!;

    [OneTimeSetUp]
    public async Task StartPrometheus()
    {
        string? binary = ExternalTool.Find("prometheus");
        if (binary is null)
        {
            Assert.Ignore("prometheus is not installed (Debian package 'prometheus'); CI installs it.");
        }

        _host = await MonitoredTestHost.StartAsync();
        _host.RecordTraffic();
        _host.StartContinuousTraffic();

        _dataDir = Directory.CreateTempSubdirectory("mlobs-prometheus-").FullName;
        string config = Path.Combine(_dataDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: mlobs
                metrics_path: /metrics
                static_configs:
                  - targets: ["127.0.0.1:{_host.Port}"]
            """);
        int port = ExternalTool.FreeLoopbackPort();
        _api = new Uri($"http://127.0.0.1:{port}/api/v1/");
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(_dataDir, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _prometheus = Process.Start(start)!;
        _prometheus.OutputDataReceived += (_, _) => { };
        _prometheus.ErrorDataReceived += (_, _) => { };
        _prometheus.BeginOutputReadLine();
        _prometheus.BeginErrorReadLine();
    }

    [OneTimeTearDown]
    public async Task StopPrometheus()
    {
        if (_prometheus is not null)
        {
            if (!_prometheus.HasExited)
            {
                _prometheus.Kill(entireProcessTree: true);
                await _prometheus.WaitForExitAsync();
            }

            _prometheus.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_dataDir is not null && Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <summary>Polls an instant query until it returns a series matching <paramref name="accept"/>, or the deadline passes.</summary>
    private async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryUntil(string promql, Func<List<(Dictionary<string, string> Labels, double Value)>, bool> accept)
    {
        var deadline = Stopwatch.StartNew();
        List<(Dictionary<string, string>, double)> last = [];
        string lastError = "no answer yet";
        while (deadline.Elapsed < QueryDeadline)
        {
            Assert.That(_prometheus!.HasExited, Is.False, "prometheus exited early");
            try
            {
                string json = await Client.GetStringAsync(new Uri(_api, $"query?query={Uri.EscapeDataString(promql)}"));
                last = ParseVector(json);
                if (accept(last))
                {
                    return last;
                }

                lastError = $"{last.Count} series, not yet as expected";
            }
            catch (HttpRequestException ex)
            {
                lastError = ex.Message; // not listening yet
            }
            catch (TaskCanceledException ex)
            {
                lastError = ex.Message;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"'{promql}' did not return the expected series within {QueryDeadline.TotalSeconds} s: {lastError}");
        return last;
    }

    private static List<(Dictionary<string, string> Labels, double Value)> ParseVector(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("success"), json);
        var series = new List<(Dictionary<string, string>, double)>();
        foreach (var item in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            string raw = item.GetProperty("value")[1].GetString()!;
            series.Add((labels, double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return series;
    }

    [Test]
    public async Task Request_counter_arrives_with_model_labels()
    {
        var result = await QueryUntil(
            $"ml_inference_requests_total{{ml_model_name=\"{MonitoredTestHost.Model}\",ml_outcome=\"success\"}}",
            r => r.Count == 1 && r[0].Value >= 8);
        Assert.Multiple(() =>
        {
            Assert.That(result[0].Labels["ml_model_version"], Is.EqualTo(MonitoredTestHost.Version));
            Assert.That(result[0].Labels["ml_endpoint"], Is.EqualTo("/predict"));
            Assert.That(result[0].Labels["job"], Is.EqualTo("mlobs"));
        });
    }

    [Test]
    public async Task Histogram_quantile_over_our_latency_lands_in_the_traffic_bucket()
    {
        // The continuous traffic records 20 ms calls, which fall in the (10 ms, 25 ms] bucket.
        var result = await QueryUntil(
            $"histogram_quantile(0.95, sum by (le) (rate(ml_inference_duration_seconds_bucket{{ml_model_name=\"{MonitoredTestHost.Model}\",ml_outcome=\"success\"}}[1m])))",
            r => r.Count == 1 && !double.IsNaN(r[0].Value));
        Assert.That(result[0].Value, Is.GreaterThan(0.010).And.LessThanOrEqualTo(0.025));
    }

    [Test]
    public async Task Drift_score_series_is_queryable()
    {
        var result = await QueryUntil(
            $"ml_drift_score{{ml_model_name=\"{MonitoredTestHost.Model}\",ml_feature_name=\"amount\"}}",
            r => r.Count == 1);
        Assert.Multiple(() =>
        {
            Assert.That(result[0].Value, Is.EqualTo(0.27).Within(1e-12));
            Assert.That(result[0].Labels["ml_drift_method"], Is.EqualTo("psi"));
        });
    }
}
