using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Challengers;
using MlObservability.Routing;

namespace MlObservability.Tests.Routing;

public sealed class ModelRouterTests
{
    [Test]
    public void RollbackFiresOnceOnTheConfiguredAlert()
    {
        using var kit = new RouterTestKit();
        kit.Time.Advance(TimeSpan.FromMinutes(1));
        kit.Router.SwitchTo("2", "deploy 2");
        Assert.That(kit.Router.Active.Version, Is.EqualTo("2"));

        kit.Step(decayed: true, TimeSpan.FromSeconds(30));
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"));
        Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.Applied), Is.EqualTo(1));

        // The alert keeps firing (and repeating) for a while: it began before version 1 came back, so it is stale.
        for (int i = 0; i < 5; i++)
        {
            kit.Step(decayed: true, TimeSpan.FromMinutes(2));
        }

        Assert.Multiple(() =>
        {
            Assert.That(kit.Router.Active.Version, Is.EqualTo("1"));
            Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.Applied), Is.EqualTo(1));
            Assert.That(kit.Router.StaleAlertCount, Is.GreaterThan(0));
            Assert.That(kit.Router.Quarantined, Is.EquivalentTo(new[] { "2" }));
            Assert.That(kit.Router.PreviousVersion, Is.Null);
            Assert.That(kit.Router.History.Select(h => h.Action), Is.EqualTo(new[] { RouterAction.ManualSwitch, RouterAction.Rollback }));
        });
    }

    [Test]
    public void FlappingInputNeverFlapsTheVersion()
    {
        using var kit = new RouterTestKit(new ModelRouterOptions { CoolDown = TimeSpan.Zero });
        kit.Router.SwitchTo("2", "deploy 2");
        var served = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            kit.Step(decayed: i % 2 == 0, TimeSpan.FromMinutes(1));
            served.Add(kit.Router.Active.Version);
        }

        Assert.Multiple(() =>
        {
            Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.Applied), Is.EqualTo(1));
            Assert.That(served.SkipWhile(v => v == "2").Distinct(), Is.EqualTo(new[] { "1" }), "one switch, then it stays");
            Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.NoTarget), Is.GreaterThan(0), "later alerts are about version 1: nothing to roll back to");
        });
    }

    [Test]
    public void DryRunNotifiesOnly()
    {
        using var kit = new RouterTestKit(new ModelRouterOptions { DryRun = true });
        kit.Router.SwitchTo("2", "deploy 2 (manual switches work in dry-run)");
        Assert.That(kit.Router.Active.Version, Is.EqualTo("2"));
        kit.Step(decayed: true, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(kit.Router.Active.Version, Is.EqualTo("2"));
            Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.DryRun), Is.EqualTo(1));
            Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.Applied), Is.Zero);
            Assert.That(kit.Router.History[^1].ToVersion, Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task DecisionsAreDeliveredThroughTheUsualNotifiers()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var text = new TextWriterAlertNotifier((alert, line) => lines.Enqueue(line), "log");
        await using var dispatcher = new NotificationDispatcher([text]);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var router = new ModelRouter<VersionedModel>("notified-model", new ModelRouterOptions { DryRun = true }, dispatcher, time);
        router.AddVersion("1", new VersionedModel("1"));
        router.AddVersion("2", new VersionedModel("2"));
        router.SwitchTo("2", "deploy");
        time.Advance(TimeSpan.FromSeconds(1));
        await router.SendAsync(FiringDecay("notified-model", time.GetUtcNow()), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (lines.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(lines.Any(l => l.Contains("MlRouterRollback", StringComparison.Ordinal) && l.Contains("dry_run", StringComparison.Ordinal)), Is.True, string.Join("\n", lines));
        Assert.That(lines.Any(l => l.Contains("MlRouterManualSwitch", StringComparison.Ordinal)), Is.True, string.Join("\n", lines));
    }

    [Test]
    public void TheCoolDownHolds()
    {
        using var kit = new RouterTestKit(new ModelRouterOptions { CoolDown = TimeSpan.FromMinutes(30) });
        kit.Router.SwitchTo("2", "deploy 2");
        kit.Step(decayed: true, TimeSpan.FromSeconds(30));
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"));

        kit.Step(decayed: false, TimeSpan.FromMinutes(1));
        kit.Router.SwitchTo("3", "deploy 3");
        kit.Step(decayed: true, TimeSpan.FromMinutes(1));
        Assert.That(kit.Router.Active.Version, Is.EqualTo("3"), "within the cool-down");
        Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.SuppressedByCoolDown), Is.EqualTo(1));

        kit.Step(decayed: false, TimeSpan.FromMinutes(1));
        kit.Time.Advance(TimeSpan.FromMinutes(30));
        kit.Step(decayed: true, TimeSpan.FromMinutes(1));
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"), "after the cool-down");
        Assert.That(kit.Router.ActionCount(RouterAction.Rollback, RouterActionOutcome.Applied), Is.EqualTo(2));
    }

    [Test]
    public void ManualOverrideReversesARollbackAndLiftsTheQuarantine()
    {
        using var kit = new RouterTestKit();
        kit.Router.SwitchTo("2", "deploy 2");
        kit.Step(decayed: true, TimeSpan.FromSeconds(30));
        Assert.That(kit.Router.Quarantined, Does.Contain("2"));

        var record = kit.Router.SwitchTo("2", "the alert was a false positive");
        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo(RouterActionOutcome.Applied));
            Assert.That(kit.Router.Active.Version, Is.EqualTo("2"));
            Assert.That(kit.Router.Quarantined, Is.Empty);
            Assert.That(kit.Router.PreviousVersion, Is.EqualTo("1"));
        });
        Assert.That(kit.Router.Rollback("undo").ToVersion, Is.EqualTo("1"));
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"));
        Assert.Throws<ArgumentException>(() => kit.Router.SwitchTo("9", "unknown"));
    }

    [Test]
    public void AlertsOfOtherModelsOrRulesAreIgnored()
    {
        using var kit = new RouterTestKit();
        kit.Router.SwitchTo("2", "deploy 2");
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        kit.Router.SendAsync(FiringDecay("another-model", kit.Time.GetUtcNow()), CancellationToken.None).GetAwaiter().GetResult();
        kit.Router.SendAsync(FiringDecay(RouterTestKit.Model, kit.Time.GetUtcNow(), "MlDriftDetected"), CancellationToken.None).GetAwaiter().GetResult();
        Assert.That(kit.Router.Active.Version, Is.EqualTo("2"));
        Assert.That(kit.Router.History, Has.Count.EqualTo(1));
    }

    [Test]
    public void AutoPromotionNeedsConsecutiveBetterVerdicts()
    {
        using var kit = new RouterTestKit(new ModelRouterOptions { AutoPromote = true, PromotionConsecutiveEvaluations = 3 });
        void Verdict(Severity severity, string challenger = "2") => kit.Router.Publish(new MonitoringEvent
        {
            Kind = ChallengerShadow<int>.BetterEventKind,
            ModelName = RouterTestKit.Model,
            ModelVersion = kit.Router.Active.Version,
            Severity = severity,
            Labels = new Dictionary<string, string> { [ChallengerShadow<int>.ChallengerVersionLabel] = challenger },
        });

        Verdict(Severity.Info);
        Verdict(Severity.Info);
        Verdict(Severity.None);
        Verdict(Severity.Info);
        Verdict(Severity.Info);
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"), "the streak was broken");
        Verdict(Severity.Info);
        Assert.That(kit.Router.Active.Version, Is.EqualTo("2"));
        Assert.That(kit.Router.PreviousVersion, Is.EqualTo("1"));
        Assert.That(kit.Router.ActionCount(RouterAction.Promotion, RouterActionOutcome.Applied), Is.EqualTo(1));
    }

    [Test]
    public void AQuarantinedVersionIsNotPromotedAgain()
    {
        using var kit = new RouterTestKit(new ModelRouterOptions { AutoPromote = true, PromotionConsecutiveEvaluations = 1, CoolDown = TimeSpan.Zero });
        kit.Router.SwitchTo("2", "deploy 2");
        kit.Step(decayed: true, TimeSpan.FromSeconds(30));
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"));
        kit.Router.Publish(new MonitoringEvent
        {
            Kind = ChallengerShadow<int>.BetterEventKind,
            ModelName = RouterTestKit.Model,
            ModelVersion = "1",
            Severity = Severity.Info,
            Labels = new Dictionary<string, string> { [ChallengerShadow<int>.ChallengerVersionLabel] = "2" },
        });
        Assert.That(kit.Router.Active.Version, Is.EqualTo("1"));
        Assert.That(kit.Router.ActionCount(RouterAction.Promotion, RouterActionOutcome.NoTarget), Is.EqualTo(1));
    }

    [Test]
    public void InvalidSettingsFailWithWhatToFix()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new ModelRouterOptions { RollbackAlerts = ["MlRouterRollback"] }.Validate())!.Message, Does.Contain("MlRouterRollback"));
        Assert.That(Assert.Throws<ArgumentException>(() => new ModelRouterOptions { CoolDown = TimeSpan.FromSeconds(-1) }.Validate())!.Message, Does.Contain("CoolDown"));
        Assert.That(Assert.Throws<ArgumentException>(() => new ModelRouterOptions { RollbackAlerts = [" "] }.Validate())!.Message, Does.Contain("RollbackAlerts"));
        Assert.That(Assert.Throws<ArgumentException>(() => new ModelRouterOptions { PromotionConsecutiveEvaluations = 0 }.Validate())!.Message, Does.Contain("PromotionConsecutiveEvaluations"));
    }

    [Test]
    public void DecisionsAreExported()
    {
        using var recorder = new MetricRecorder(RouterTestKit.Model);
        using var kit = new RouterTestKit();
        kit.Router.SwitchTo("2", "deploy 2");
        kit.Step(decayed: true, TimeSpan.FromSeconds(30));
        Assert.That(recorder.Sum("ml.router.actions", "ml.router.action=rollback", "ml.router.outcome=applied"), Is.EqualTo(1));
        Assert.That(recorder.Sum("ml.router.actions", "ml.router.action=manual_switch", "ml.router.outcome=applied"), Is.EqualTo(1));

        // Each Sum collected the observable instruments once: the active version is read from the latest collection.
        Assert.That(recorder.Of("ml.router.active").Last().Tags["ml.model.version"], Is.EqualTo("1"));
    }

    internal static AlertNotification FiringDecay(string model, DateTimeOffset at, string name = StandardAlertRules.QualityDecay)
    {
        var labels = new SortedDictionary<string, string> { ["alertname"] = name, ["severity"] = "critical", ["model"] = model };
        return new AlertNotification
        {
            GroupKey = "g",
            GroupLabels = labels,
            Alerts =
            [
                new Alert
                {
                    Fingerprint = "f",
                    Severity = Severity.Critical,
                    State = AlertState.Firing,
                    Labels = labels,
                    Annotations = new Dictionary<string, string>(),
                    ActiveSince = at,
                    StartsAt = at,
                },
            ],
            CreatedAt = at,
        };
    }
}
