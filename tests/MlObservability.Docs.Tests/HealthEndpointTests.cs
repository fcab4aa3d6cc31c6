using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlObservability.Hosting;
using MlObservability.Hosting.Health;

namespace MlObservability.Docs.Tests;

/// <summary>
/// The health endpoints of docs/getting-started.md on a real Kestrel listener: liveness and readiness stay 200 while the
/// ML endpoint reports the burnt SLO as Degraded (HTTP 200) in JSON, each model and finding with since when.
/// </summary>
public sealed class HealthEndpointTests
{
    [Test]
    public async Task A_burnt_slo_is_degraded_json_and_does_not_fail_liveness_or_readiness()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMlMonitoring(o =>
        {
            o.ResourceMetrics = false;
            o.AddModel("wine", "3", m => m.Endpoint = "predict");
            o.AddModel("churn", "1");
        });
        builder.Services.AddHealthChecks()
            .AddCheck("model-loaded", () => HealthCheckResult.Healthy(), tags: ["ready"])
            .AddMlMonitoring(tags: ["ml"]);
        await using var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = MlMonitoringHealthResponseWriter.ContentType;
                return MlMonitoringHealthResponseWriter.WriteAsync(context.Response.Body, report, context.RequestAborted);
            },
        });
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var http = new HttpClient { BaseAddress = address };

            // What the SLO tracker publishes once malformed client requests have burnt the error budget.
            app.Services.GetRequiredService<ModelMonitorRegistry>().GetModel("wine").Publish(new MonitoringEvent
            {
                Kind = "slo.burn",
                ModelName = "wine",
                ModelVersion = "3",
                Severity = Severity.Critical,
                Value = 14.4,
                Threshold = 14.4,
                Labels = new Dictionary<string, string> { ["slo"] = "error_rate" },
                Summary = "error_rate burning 14.4x over 1h/5m",
            });

            using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            using var ml = await http.GetAsync(new Uri("/health", UriKind.Relative));
            using var json = JsonDocument.Parse(await ml.Content.ReadAsStringAsync());
            var root = json.RootElement;
            var models = root.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
            var finding = models["wine"].GetProperty("findings")[0];

            Assert.Multiple(() =>
            {
                Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "bad clients must not take the pod out of rotation");
                Assert.That(ml.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Degraded answers 200");
                Assert.That(ml.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
                Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
                Assert.That(root.GetProperty("checks").GetProperty("ml-monitoring").GetProperty("tags")[0].GetString(), Is.EqualTo("ml"));
                Assert.That(models.Keys, Is.EquivalentTo(new[] { "wine", "churn" }), "every configured model, healthy ones too");
                Assert.That(models["churn"].GetProperty("status").GetString(), Is.EqualTo("Healthy"));
                Assert.That(models["wine"].GetProperty("status").GetString(), Is.EqualTo("Degraded"));
                Assert.That(finding.GetProperty("kind").GetString(), Is.EqualTo("slo.burn"));
                Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("Critical"));
                Assert.That(finding.GetProperty("labels").GetProperty("slo").GetString(), Is.EqualTo("error_rate"));
                Assert.That(finding.GetProperty("threshold").GetDouble(), Is.EqualTo(14.4));
                Assert.That(finding.GetProperty("since").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
            });
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
