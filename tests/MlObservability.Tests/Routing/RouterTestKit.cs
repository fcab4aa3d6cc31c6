using Microsoft.Extensions.Time.Testing;
using MlObservability.Alerts;
using MlObservability.Routing;

namespace MlObservability.Tests.Routing;

/// <summary>A model version for router tests: it answers with its own version.</summary>
internal sealed class VersionedModel(string version)
{
    public string Version { get; } = version;

    public string Predict() => Version;
}

/// <summary>A real alert engine whose quality-decay rule drives a router, on one fake clock.</summary>
internal sealed class RouterTestKit : IDisposable
{
    public const string Model = "routed-model";

    public RouterTestKit(ModelRouterOptions? options = null)
    {
        var routerOptions = options ?? new ModelRouterOptions();
        Router = new ModelRouter<VersionedModel>(Model, routerOptions, null, Time);
        Router.AddVersion("1", new VersionedModel("1"));
        Router.AddVersion("2", new VersionedModel("2"));
        Router.AddVersion("3", new VersionedModel("3"));
        Engine = new AlertEngine(
            [new AlertRule
            {
                Name = StandardAlertRules.QualityDecay,
                Severity = Severity.Critical,
                Condition = AlertCondition.OnEvent("quality.decay", Severity.Critical),
                Summary = "Accuracy decayed.",
            }],
            new AlertEngineOptions { TimeProvider = Time, RepeatInterval = TimeSpan.FromMinutes(1) });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public ModelRouter<VersionedModel> Router { get; }

    public AlertEngine Engine { get; }

    /// <summary>Publishes a decay finding (critical or clear), evaluates the rules and delivers the notifications to the router.</summary>
    public void Step(bool decayed, TimeSpan advance)
    {
        Time.Advance(advance);
        var now = Time.GetUtcNow();
        Engine.Publish(new MonitoringEvent
        {
            Kind = "quality.decay",
            ModelName = Model,
            ModelVersion = Router.Active.Version,
            Severity = decayed ? Severity.Critical : Severity.None,
            Value = decayed ? 0.6 : 0.95,
            Timestamp = now,
        });
        foreach (var notification in Engine.EvaluateRules(now))
        {
            Router.SendAsync(notification, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public void Dispose()
    {
        Engine.Dispose();
        Router.Dispose();
    }
}
