using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Health;
using MlObservability.Hosting;

namespace MlObservability.Hosting.Tests.Health;

public sealed class MlMonitoringHealthCheckTests
{
    private static MonitoringEvent Finding(string kind, Severity severity, string model = "fraud", string? feature = null) => new()
    {
        Kind = kind,
        ModelName = model,
        ModelVersion = "3",
        Severity = severity,
        Value = 0.3,
        Threshold = 0.25,
        Labels = feature is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["feature"] = feature },
        Summary = $"{kind} on {feature ?? model}",
    };

    private static MlMonitoringHealthCheck Create(bool driftIsUnhealthy = false, int maxFindings = 10_000, bool sloIsUnhealthy = false, TimeProvider? time = null) =>
        new(Options.Create(new MlMonitoringOptions { Health = { CriticalDriftIsUnhealthy = driftIsUnhealthy, MaxTrackedFindings = maxFindings, SloBurnIsUnhealthy = sloIsUnhealthy } }), time);

    private static HealthCheckResult Check(MlMonitoringHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult();

    [Test]
    public void Healthy_without_findings()
    {
        Assert.That(Check(Create()).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public void Accepts_clear_events_only_while_a_finding_is_open()
    {
        var check = Create();
        Assert.Multiple(() =>
        {
            Assert.That(check.Accepts("drift.feature", "fraud", Severity.Warning), Is.True);
            Assert.That(check.Accepts("drift.feature", "fraud", Severity.None), Is.False, "nothing open to clear");
        });

        check.Publish(Finding("drift.feature", Severity.Warning, feature: "amount"));
        Assert.That(check.Accepts("drift.feature", "fraud", Severity.None), Is.True, "the open finding's clearing must arrive");
        check.Publish(Finding("drift.feature", Severity.None, feature: "amount"));
        Assert.Multiple(() =>
        {
            Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(check.Accepts("drift.feature", "fraud", Severity.None), Is.False);
        });
    }

    [Test]
    public void Slo_burn_is_degraded_so_bad_clients_do_not_take_the_instance_out_of_rotation()
    {
        var check = Create();
        check.Publish(Finding("slo.burn", Severity.Warning));
        Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Degraded));

        check.Publish(Finding("slo.burn", Severity.Critical));
        var result = Check(check);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(result.Description, Does.Contain("fraud: slo.burn Critical (slo.burn on fraud)"));
        });
    }

    [Test]
    public void Critical_slo_burn_is_unhealthy_when_configured()
    {
        var check = Create(sloIsUnhealthy: true);
        check.Publish(Finding("slo.burn", Severity.Warning));
        Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Degraded));

        check.Publish(Finding("slo.burn", Severity.Critical));
        Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public void Each_finding_says_since_when_it_has_been_open()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var check = Create(time: time);
        check.Publish(Finding("drift.feature", Severity.Critical, feature: "amount"));
        time.Advance(TimeSpan.FromMinutes(5));
        check.Publish(Finding("drift.feature", Severity.Critical, feature: "amount"));
        var open = (HealthFinding)Check(check).Data.Values.Single(v => v is HealthFinding);

        check.Publish(Finding("drift.feature", Severity.None, feature: "amount"));
        time.Advance(TimeSpan.FromMinutes(1));
        check.Publish(Finding("drift.feature", Severity.Critical, feature: "amount"));
        var reopened = (HealthFinding)Check(check).Data.Values.Single(v => v is HealthFinding);

        Assert.Multiple(() =>
        {
            Assert.That(open.Since, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero)));
            Assert.That(open.LastSeen, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 8, 5, 0, TimeSpan.Zero)));
            Assert.That(open.Labels["feature"], Is.EqualTo("amount"));
            Assert.That(reopened.Since, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 8, 6, 0, TimeSpan.Zero)), "a cleared finding starts again");
        });
    }

    [Test]
    public void Critical_drift_is_degraded_by_default_and_unhealthy_when_configured()
    {
        var lenient = Create();
        var strict = Create(driftIsUnhealthy: true);
        foreach (var check in new[] { lenient, strict })
        {
            check.Publish(Finding("drift.feature", Severity.Warning, feature: "age"));
            check.Publish(Finding("drift.feature", Severity.Critical, feature: "amount"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(Check(lenient).Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(Check(strict).Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(Check(lenient).Data.Values.OfType<HealthFinding>().Count(), Is.EqualTo(1), "the warning-level drift does not affect health");
        });
    }

    [Test]
    public void Critical_quality_decay_is_degraded_and_warnings_are_healthy()
    {
        var check = Create();
        check.Publish(Finding("quality.decay", Severity.Warning));
        Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Healthy));
        check.Publish(Finding("quality.decay", Severity.Critical));
        Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [Test]
    public void A_clear_event_removes_only_its_own_finding()
    {
        var check = Create();
        check.Publish(Finding("drift.feature", Severity.Critical, feature: "amount"));
        check.Publish(Finding("slo.burn", Severity.Critical, model: "churn"));

        check.Publish(Finding("slo.burn", Severity.None, model: "churn"));
        Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Degraded), "drift on fraud remains");

        check.Publish(Finding("drift.feature", Severity.None, feature: "amount"));
        Assert.Multiple(() =>
        {
            Assert.That(Check(check).Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(check.OpenFindings, Is.Zero);
        });
    }

    [Test]
    public void Open_findings_are_bounded()
    {
        var check = Create(maxFindings: 3);
        for (int i = 0; i < 100; i++)
        {
            check.Publish(Finding("drift.feature", Severity.Warning, feature: $"f{i}"));
        }

        Assert.That(check.OpenFindings, Is.EqualTo(3));
    }

    [Test]
    public async Task Registered_through_AddHealthChecks_and_fed_by_model_findings()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlMonitoring(o => o.ResourceMetrics = false).AddModel("health-fraud");
        services.AddHealthChecks().AddMlMonitoring(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("health-fraud");
        var health = provider.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync();
        model.Publish(Finding("slo.burn", Severity.Critical, model: "health-fraud"));
        var after = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));

        Assert.Multiple(() =>
        {
            Assert.That(before.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(after.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(after.Entries[MlMonitoringHealthCheck.DefaultName].Data[MlMonitoringHealthCheck.ModelsDataKey], Is.EqualTo(new[] { "health-fraud" }));
            Assert.That(after.Entries.Keys, Is.EquivalentTo(new[] { MlMonitoringHealthCheck.DefaultName }));
        });
    }

    [Test]
    public async Task The_health_details_list_each_slo_with_its_error_budget_exhaustion_forecast()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlMonitoring(o => o.ResourceMetrics = false).AddModel("health-forecast");
        services.AddHealthChecks().AddMlMonitoring();
        await using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("health-forecast");
        for (int i = 0; i < 400; i++) // one error in 400: a quarter of the 1 % budget's rate, no burn alert
        {
            model.Inference.Record(0.01, i == 0 ? MlObservability.Inference.InferenceOutcome.Error : MlObservability.Inference.InferenceOutcome.Success, i == 0 ? "Timeout" : null);
        }

        model.Slo!.Evaluate(DateTimeOffset.UtcNow.AddMinutes(1));
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        using var body = new MemoryStream();
        await MlMonitoringHealthResponseWriter.WriteAsync(body, report);
        using var json = System.Text.Json.JsonDocument.Parse(body.ToArray());
        var slos = json.RootElement.GetProperty("models")[0].GetProperty("slos").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var status = model.Slo.GetStatus("error_rate")!;

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy), "the forecast informs; it does not change the status");
            Assert.That(slos.Keys, Is.EquivalentTo(model.Slo.Objectives.Select(o => o.Name)));
            Assert.That(status.ErrorBudgetExhaustionSeconds, Is.GreaterThanOrEqualTo(0).And.LessThan(double.PositiveInfinity), "errors burn the budget, slowly");
            Assert.That(slos["error_rate"].GetProperty("errorBudgetExhaustionSeconds").GetDouble(), Is.EqualTo(status.ErrorBudgetExhaustionSeconds).Within(1e-6));
            Assert.That(slos["error_rate"].GetProperty("errorBudgetRemaining").GetDouble(), Is.EqualTo(status.ErrorBudgetRemaining).Within(1e-12));
            Assert.That(slos["error_rate"].GetProperty("forecastBurnRate").GetDouble(), Is.EqualTo(status.ForecastBurnRate).Within(1e-12));
            Assert.That(slos["latency"].GetProperty("errorBudgetExhaustionSeconds").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "nothing burns the latency budget: infinity is written as null");
        });
    }
}
