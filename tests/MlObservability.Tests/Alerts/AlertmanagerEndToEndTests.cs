using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MlObservability.Alerts;
using MlObservability.MonitoringAsCode;
using MlObservability.Alerts.Notifiers;
using MlObservability.Tests.MonitoringAsCode;

namespace MlObservability.Tests.Alerts;

/// <summary>
/// Starts a real prometheus-alertmanager on loopback with the generated configuration, sends it an alert from the
/// engine through <see cref="AlertmanagerAlertNotifier"/>, lists it back through GET /api/v2/alerts, then resolves it.
/// </summary>
[NonParallelizable]
public sealed class AlertmanagerEndToEndTests
{
    [Test]
    public async Task A_real_alertmanager_receives_and_lists_our_alert()
    {
        string binary = ExternalTool.Find("prometheus-alertmanager") ?? ExternalTool.Find("alertmanager") ?? string.Empty;
        if (binary.Length == 0)
        {
            Assert.Ignore("prometheus-alertmanager is not installed here (Debian package prometheus-alertmanager); CI installs it.");
        }

        string dir = Path.Combine(Path.GetTempPath(), "mlobs-am-e2e-" + Guid.NewGuid().ToString("N"));
        string secrets = Path.Combine(dir, "secrets");
        Directory.CreateDirectory(secrets);
        int deadPort = LoopbackHttpServer.FreePort();
        File.WriteAllText(Path.Combine(secrets, "slack-webhook-url"), $"http://127.0.0.1:{deadPort}/slack");
        File.WriteAllText(Path.Combine(secrets, "pagerduty-routing-key"), "test-routing-key");
        File.WriteAllText(Path.Combine(dir, "alertmanager.yml"), AlertmanagerConfigGenerator.Generate(SampleDefinitions.Models, new AlertmanagerConfigOptions { SecretsDirectory = secrets }));
        int port = LoopbackHttpServer.FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + Path.Combine(dir, "alertmanager.yml"),
            "--storage.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await WaitForAsync(async () => !process.HasExited && await IsReadyAsync(http, baseUrl), () => "alertmanager did not become ready:\n" + string.Join('\n', log));

            using var notifier = new AlertmanagerAlertNotifier(baseUrl);
            await using var dispatcher = new NotificationDispatcher([notifier], new NotificationDeliveryOptions { InitialBackoff = TimeSpan.FromMilliseconds(100) });
            double errorRate = 0.12;
            using var engine = new AlertEngine(
                StandardAlertRules.For("fraud-detector", SampleDefinitions.Models[0].Slos, new AlertSignals { ErrorRate = () => errorRate }, new AlertThresholds { ErrorRateCriticalFor = TimeSpan.Zero }),
                dispatcher: dispatcher);
            var fired = engine.EvaluateRules(DateTimeOffset.UtcNow);
            Assert.That(fired.SelectMany(n => n.Alerts).Select(a => a.Name), Is.EqualTo(new[] { StandardAlertRules.HighErrorRate }));

            JsonElement listed = default;
            await WaitForAsync(async () =>
            {
                var alerts = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "api/v2/alerts"))).RootElement;
                listed = alerts.EnumerateArray().FirstOrDefault(a => a.GetProperty("labels").GetProperty("alertname").GetString() == StandardAlertRules.HighErrorRate);
                return listed.ValueKind == JsonValueKind.Object;
            }, () => $"the alert was not listed; sent {dispatcher.SentCount}, failed {dispatcher.FailedCount}");

            Assert.Multiple(() =>
            {
                Assert.That(dispatcher.SentCount, Is.EqualTo(1));
                Assert.That(listed.GetProperty("labels").GetProperty("model").GetString(), Is.EqualTo("fraud-detector"));
                Assert.That(listed.GetProperty("labels").GetProperty("severity").GetString(), Is.EqualTo("critical"));
                Assert.That(listed.GetProperty("annotations").GetProperty("runbook").GetString(), Is.EqualTo(StandardAlertRules.Runbooks[StandardAlertRules.HighErrorRate]));
                Assert.That(listed.GetProperty("status").GetProperty("state").GetString(), Is.EqualTo("active"));
                Assert.That(listed.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("name").GetString()), Does.Contain("ml-pagerduty"), "the generated route pages critical alerts");
            });

            errorRate = 0; // the condition clears: the engine sends the alert again with endsAt, and Alertmanager resolves it
            var resolved = engine.EvaluateRules(DateTimeOffset.UtcNow);
            Assert.That(resolved.Single().Status, Is.EqualTo("resolved"));
            await WaitForAsync(async () =>
            {
                var alerts = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "api/v2/alerts"))).RootElement;
                return !alerts.EnumerateArray().Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == StandardAlertRules.HighErrorRate);
            }, () => $"the resolved alert is still listed as active; sent {dispatcher.SentCount}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, Uri baseUrl)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "-/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        for (int i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail(failure());
    }
}
