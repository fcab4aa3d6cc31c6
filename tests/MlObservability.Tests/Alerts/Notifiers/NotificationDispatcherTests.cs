using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;

namespace MlObservability.Tests.Alerts.Notifiers;

public sealed class NotificationDispatcherTests
{
    private static readonly NotificationDeliveryOptions Fast = new()
    {
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.That(condition(), Is.True, what);
    }

    [Test]
    public async Task Failed_attempts_are_retried_with_backoff_until_one_succeeds()
    {
        using var server = new LoopbackHttpServer(n => n < 3 ? 503 : 200);
        using var notifier = new WebhookAlertNotifier(new Uri(server.BaseUrl, "hook"));
        await using var dispatcher = new NotificationDispatcher([notifier], Fast);
        dispatcher.Enqueue(NotifierPayloadTests.Sample());
        await WaitUntil(() => dispatcher.SentCount == 1, "delivered on the third attempt");
        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Has.Count.EqualTo(3));
            Assert.That(dispatcher.FailedCount, Is.Zero);
        });
    }

    [Test]
    public async Task A_dead_target_is_counted_as_failed_and_its_secret_never_reaches_diagnostics()
    {
        using var listener = new DiagnosticsCapture();
        int deadPort = LoopbackHttpServer.FreePort();
        using var notifier = new SlackAlertNotifier(new Uri($"http://127.0.0.1:{deadPort}/services/T/B/TOPSECRET"));
        await using var dispatcher = new NotificationDispatcher([notifier], Fast);
        dispatcher.Enqueue(NotifierPayloadTests.Sample());
        await WaitUntil(() => dispatcher.FailedCount == 1, "failed after three attempts");
        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.SentCount, Is.Zero);
            Assert.That(listener.Messages, Has.Some.Contains("attempt"));
            Assert.That(listener.Messages, Has.None.Contains("TOPSECRET"));
            Assert.That(dispatcher.ToString(), Does.Not.Contain("TOPSECRET"));
        });
    }

    [Test]
    public async Task A_slow_target_never_blocks_enqueue_and_overflow_is_dropped_and_counted()
    {
        using var server = new LoopbackHttpServer();
        server.Gate.Reset(); // hold every request open
        using var slow = new WebhookAlertNotifier(new Uri(server.BaseUrl, "slow"), "slow");
        var delivered = new ConcurrentQueue<string>();
        var fast = new TextWriterAlertNotifier((alert, _) => delivered.Enqueue(alert.Fingerprint), "fast");
        await using var dispatcher = new NotificationDispatcher([slow, fast], new NotificationDeliveryOptions { QueueCapacity = 2, MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(30) });
        dispatcher.Enqueue(NotifierPayloadTests.Sample());
        await server.NextAsync(); // the slow lane is now stuck inside its first request
        for (int i = 0; i < 10; i++)
        {
            dispatcher.Enqueue(NotifierPayloadTests.Sample()); // returns at once although the target does not answer
        }

        var slowCounts = dispatcher.GetCounts("slow");
        Assert.Multiple(() =>
        {
            Assert.That(slowCounts.Dropped, Is.EqualTo(8), "capacity 2: the slow lane keeps two and drops eight");
            Assert.That(slowCounts.DroppedQueueFull, Is.EqualTo(8));
            Assert.That(slowCounts.Pending, Is.EqualTo(3), "one in flight and two queued");
        });
        await WaitUntil(() => delivered.Count + dispatcher.GetCounts("fast").Dropped == 11, "the fast notifier is not held up by the slow one");
        Assert.That(delivered, Is.Not.Empty);
        server.Gate.Set();
        await WaitUntil(() => dispatcher.GetCounts("slow").Sent == 3, "the slow lane drains its queue once the target answers");
    }

    [Test]
    public async Task Every_notification_ends_in_exactly_one_outcome_when_the_dispatcher_stops_on_a_hanging_target()
    {
        using var server = new LoopbackHttpServer();
        server.Gate.Reset(); // the target accepts the request and never answers
        using var notifier = new WebhookAlertNotifier(new Uri(server.BaseUrl, "hang"), "hang");
        var dispatcher = new NotificationDispatcher([notifier], new NotificationDeliveryOptions { QueueCapacity = 256, MaxAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(30) });
        for (int i = 0; i < 300; i++)
        {
            dispatcher.Enqueue(NotifierPayloadTests.Sample());
        }

        await server.NextAsync(); // the first notification is in flight, inside a request that hangs
        await dispatcher.StopAsync(TimeSpan.FromSeconds(1));
        var counts = dispatcher.GetCounts("hang");
        Assert.Multiple(() =>
        {
            Assert.That(counts.Sent + counts.Failed + counts.Dropped, Is.EqualTo(300), $"sent {counts.Sent}, failed {counts.Failed}, dropped {counts.Dropped}");
            Assert.That(counts.Sent, Is.Zero);
            Assert.That(counts.Pending, Is.Zero, "nothing is left pending once stopped");
            Assert.That(counts.DroppedQueueFull + counts.DroppedAtStop, Is.EqualTo(counts.Dropped));
        });
        dispatcher.Enqueue(NotifierPayloadTests.Sample()); // after stop: dropped and counted, never lost
        Assert.That(dispatcher.GetCounts("hang").Dropped, Is.EqualTo(counts.Dropped + 1));
        await dispatcher.DisposeAsync();
    }

    [Test]
    public async Task The_engine_evaluates_and_publishes_while_the_only_target_hangs()
    {
        using var server = new LoopbackHttpServer();
        server.Gate.Reset();
        using var notifier = new AlertmanagerAlertNotifier(server.BaseUrl);
        await using var dispatcher = new NotificationDispatcher([notifier], new NotificationDeliveryOptions { QueueCapacity = 1, MaxAttempts = 1 });
        double value = 1;
        using var engine = new AlertEngine(
            [new AlertRule { Name = "A", Severity = Severity.Warning, Condition = AlertCondition.Threshold(() => value, AlertComparison.GreaterThan, 0.5), Summary = "a" }],
            new AlertEngineOptions { RepeatInterval = TimeSpan.FromMinutes(1) },
            dispatcher);
        var t0 = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < 20; i++)
        {
            engine.Evaluate(t0.AddMinutes(i));
            engine.Publish(new MonitoringEvent { Kind = "drift.feature", ModelName = "m", Severity = Severity.Critical });
        }

        Assert.Multiple(() =>
        {
            Assert.That(engine.NotificationsProduced, Is.EqualTo(20), "one repeat a minute");
            Assert.That(dispatcher.DroppedCount, Is.GreaterThanOrEqualTo(18));
        });
        server.Gate.Set();
    }

    private sealed class DiagnosticsCapture : EventListener
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            string payload = eventData.Payload is null ? string.Empty : string.Join(" | ", eventData.Payload);
            Messages.Enqueue(string.Format(System.Globalization.CultureInfo.InvariantCulture, eventData.Message ?? string.Empty, eventData.Payload?.ToArray() ?? []) + " " + payload);
        }
    }
}
