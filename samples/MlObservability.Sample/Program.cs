using MlObservability.Hosting.Health;
using System.Globalization;
using MlObservability;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MlObservability.Alerts.Notifiers;
using MlObservability.Drift;
using MlObservability.Drift.Multivariate;
using MlObservability.Alerts;
using MlObservability.Hosting;
using MlObservability.MonitoringAsCode;
using MlObservability.Sample.Service;
using MlObservability.Sample.Simulation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The wine classifier as a monitored service.
//   (no argument) or --simulate   start the service, replay the wine data through it (healthy, covariate shift with a
//                                 latency regression, recovery, a permuted feature, a bad model version deployed and
//                                 rolled back by the model router), print the report and exit; about two minutes.
//   --serve                       run the service until Ctrl+C: POST /predict, POST /feedback (one label or an array), GET /health,
//                                 Prometheus metrics on http://127.0.0.1:9464/metrics.
//   --build-profile               rebuild Data/wine-reference.json, the drift baseline, from the held-out split
//                                 (Data/wine_holdout.csv: data the model never trained on, as NannyML's reference period).
//   --scale X                     multiply the simulation's phase durations by X (default 1).
//   --fleet-rules [path]          write the fleet drift and quality rules of model 'wine' for a Prometheus that scrapes every replica
//                                 (docs/fleet.md); --fleet-window-minutes N sets their window (default 60).
string mode = args.FirstOrDefault(a => a is "--serve" or "--simulate" or "--build-profile" or "--fleet-rules") ?? "--simulate";
double scale = args.SkipWhile(a => a != "--scale").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1.0);
string dataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");

if (mode == "--build-profile")
{
    string target = args.SkipWhile(a => a != "--build-profile").Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
        ?? (File.Exists("MlObservability.Sample.csproj") ? Path.Combine("Data", "wine-reference.json") : Path.Combine("samples", "MlObservability.Sample", "Data", "wine-reference.json"));
    // The reference is the held-out split, as in NannyML: data the model did not train on, whose distribution (and
    // accuracy) is what healthy production traffic should look like. A profile of the training rows would flag the
    // held-out rows themselves as drifted: two small samples (106 and 72 rows) of the same wines differ measurably.
    var training = WineDataset.Load(Path.Combine(dataDirectory, WineDataset.HoldoutFile));
    var builder = new ReferenceProfileBuilder(WineDataset.FeatureNames);
    foreach (float[] row in training.Rows)
    {
        builder.AddRow(Array.ConvertAll(row, v => (double)v));
    }

    // The multivariate baseline: 500-row chunks (the simulation's drift window) drawn with replacement from the held-out rows.
    var reconstruction = ReconstructionDriftProfile.Fit(
        WineDataset.FeatureNames, [.. training.Rows.Select(r => Array.ConvertAll(r, v => (double)v))], new ReconstructionDriftOptions { ChunkSize = 500, BootstrapChunks = 200 });
    builder.Build().WithReconstruction(reconstruction).Save(target);
    Console.WriteLine($"Wrote the reference profile of {training.Count} held-out rows to {target}.");
    return 0;
}

if (mode == "--fleet-rules")
{
    string target = args.SkipWhile(a => a != "--fleet-rules").Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? FleetRuleGenerator.FileName;
    var window = TimeSpan.FromMinutes(args.SkipWhile(a => a != "--fleet-window-minutes").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(60));
    var definition = new ModelMonitoringDefinition("wine") { FleetDrift = new FleetDriftDefinition { Windows = [window], AlertWindow = window } };
    File.WriteAllText(target, FleetRuleGenerator.Generate([definition]));
    Console.WriteLine($"Wrote the fleet drift and quality rules of model 'wine' ({window.TotalMinutes} min window) to {target}.");
    return 0;
}

bool simulate = mode == "--simulate";
var app = SampleHost.Build(args, simulate);

if (!simulate)
{
    await app.RunAsync();
    return 0;
}

await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var settings = app.Configuration.GetSection("Simulation");
var labelDelay = settings.GetValue("LabelDelay", TimeSpan.FromSeconds(2));
using var http = new HttpClient { BaseAddress = new Uri(address) };
var model = app.Services.GetRequiredService<ModelMonitorRegistry>().GetModel("wine");
Console.WriteLine($"Service on {address} (model 'wine' v{model.Version} on {app.Services.GetRequiredService<WineClassifier>().ActiveProvider}); " +
                  $"Prometheus metrics on {app.Configuration["MlMonitoring:Prometheus:Host"] ?? "127.0.0.1"}:{app.Configuration["MlMonitoring:Prometheus:Port"] ?? "9464"}/metrics while it runs.");
var traffic = new TrafficGenerator(http, WineDataset.Load(Path.Combine(dataDirectory, WineDataset.HoldoutFile)), labelDelay,
    settings.GetValue("Workers", 4), settings.GetValue("Pacing", TimeSpan.FromMilliseconds(15)));
var runner = new SimulationRunner(
    traffic,
    app.Services.GetRequiredService<ServiceDegradation>(),
    app.Services.GetRequiredService<SimulationJournal>(),
    model,
    app.Services.GetRequiredService<AlertPipeline>(),
    app.Services.GetRequiredService<WineModelRouting>(),
    Console.Out);
int exitCode = await runner.RunAsync(TrafficPhase.DefaultScenario(scale), labelDelay);
await app.StopAsync();
return exitCode;

/// <summary>The service's composition: monitoring, OpenTelemetry, the model and the HTTP API.</summary>
internal static class SampleHost
{
    public static WebApplication Build(string[] args, bool simulate)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => !a.StartsWith("--s", StringComparison.Ordinal) && !a.StartsWith("--b", StringComparison.Ordinal)).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = simulate ? "Simulation" : Environments.Production,
        });
        if (simulate)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");

            // A demo must not fail because another process holds the scrape port: take a free one and say so.
            int port = builder.Configuration.GetValue("MlMonitoring:Prometheus:Port", 9464);
            if (!IsFree(port))
            {
                int free = FreePort();
                Console.WriteLine($"Port {port} is busy; the Prometheus endpoint uses {free} for this run.");
                builder.Configuration["MlMonitoring:Prometheus:Port"] = free.ToString(CultureInfo.InvariantCulture);
            }
        }

        // One line of monitoring: models, drift baseline, quality, SLOs, alerts and notifiers come from "MlMonitoring".
        // MlMonitoring:Quality:PendingStore = "Redis" (with MlMonitoring:Quality:Redis:ConnectionString) lets a label
        // join on any replica; the default, InProcess, opens no connection.
        builder.Services.AddMlMonitoring(builder.Configuration.GetSection("MlMonitoring")).AddRedisPendingStore();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMlMonitoring().AddMlMonitoringPrometheusEndpoint())
            .WithTracing(tracing => tracing.AddMlMonitoring());
        builder.Services.AddHealthChecks().AddMlMonitoring();

        // The model service, decorated by the [Instrumented] source generator.
        builder.Services.AddSingleton<ServiceDegradation>();
        builder.Services.AddSingleton<WineModelRouting>();
        builder.Services.AddSingleton<IAlertNotifier, RouterAlertTrigger>(); // configured alerts roll the router back
        builder.Services.AddSingleton<WineClassifier>();
        builder.Services.AddInstrumented<IWineClassifier, WineClassifier>();

        // The simulation's journal listens like any other event sink and notifier.
        builder.Services.AddSingleton<SimulationJournal>();
        builder.Services.AddSingleton<IMonitoringEventSink>(sp => sp.GetRequiredService<SimulationJournal>());
        builder.Services.AddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<SimulationJournal>());

        var app = builder.Build();
        app.MapWineEndpoints();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            // JSON: each model, each open finding and since when (MlObservability.Hosting.Health).
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = MlMonitoringHealthResponseWriter.ContentType;
                return MlMonitoringHealthResponseWriter.WriteAsync(context.Response.Body, report, context.RequestAborted);
            },
        });
        return app;
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
