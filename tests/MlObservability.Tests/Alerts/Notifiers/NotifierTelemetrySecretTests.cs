using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using MlObservability.Alerts.Notifiers;

namespace MlObservability.Tests.Alerts.Notifiers;

/// <summary>Notifier URLs are secrets: the private HTTP pipeline must not put them into the runtime's HTTP tracing
/// (the <c>System.Net.Http</c> activity source behind HttpClient instrumentation, the HttpHandlerDiagnosticListener) or
/// the <c>System.Net.Http</c> event source.</summary>
[NonParallelizable]
public sealed class NotifierTelemetrySecretTests
{
    [Test]
    public async Task The_slack_webhook_secret_and_url_keys_never_reach_http_activities_or_the_http_event_source()
    {
        string secret = "SECRET" + Guid.NewGuid().ToString("N");
        string key = "KEY" + Guid.NewGuid().ToString("N");
        using var server = new LoopbackHttpServer();
        var url = new Uri(server.BaseUrl, $"services/T000/B000/{secret}?token={key}");
        using var capture = new HttpTelemetryCapture();

        // Control: a plain HttpClient to the same URL is seen by the same listeners, secret and all.
        using (var plain = new HttpClient())
        {
            using var response = await plain.PostAsync(url, new StringContent("{}"));
            await server.NextAsync();
        }

        Assert.That(capture.Text(), Does.Contain(secret), "control: the listeners see an ordinary client's URL");
        capture.Clear();

        using var notifier = new SlackAlertNotifier(url);
        await notifier.SendAsync(NotifierPayloadTests.Sample(), CancellationToken.None);
        var (_, path, _) = await server.NextAsync();
        string seen = capture.Text();
        Assert.Multiple(() =>
        {
            Assert.That(path, Does.EndWith(secret), "the request reached the webhook");
            Assert.That(seen, Does.Not.Contain(secret));
            Assert.That(seen, Does.Not.Contain(key));
            Assert.That(capture.Activities, Is.Empty, "no System.Net.Http activity for notifier traffic");
        });
    }

    /// <summary>A real ActivityListener on the System.Net.Http source, a DiagnosticListener subscriber on
    /// HttpHandlerDiagnosticListener and an EventListener on the System.Net.Http event source, all keywords.</summary>
    private sealed class HttpTelemetryCapture : EventListener
    {
        private readonly ConcurrentQueue<string> _texts = new();
        private readonly ActivityListener _activities;
        private readonly IDisposable _diagnostics;

        public HttpTelemetryCapture()
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = s => s.Name == "System.Net.Http",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = a => Record("activity " + a.DisplayName + " " + string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
                ActivityStopped = a =>
                {
                    Activities.Enqueue(a.DisplayName);
                    Record("activity " + a.DisplayName + " " + string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}")));
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _diagnostics = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(l =>
            {
                if (l.Name == "HttpHandlerDiagnosticListener")
                {
                    l.Subscribe(new Observer<KeyValuePair<string, object?>>(e => Record("diagnostic " + e.Key + " " + e.Value)));
                }
            }));
        }

        public ConcurrentQueue<string> Activities { get; } = new();

        public string Text() => string.Join("\n", _texts);

        public void Clear()
        {
            _texts.Clear();
            Activities.Clear();
        }

        public override void Dispose()
        {
            _activities.Dispose();
            _diagnostics.Dispose();
            base.Dispose();
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "System.Net.Http")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventSource.Name == "System.Net.Http")
            {
                Record("event " + eventData.EventName + " " + string.Join(" ", (IEnumerable<object?>?)eventData.Payload ?? []));
            }
        }

        private void Record(string text) => (_texts ?? throw new InvalidOperationException("not constructed")).Enqueue(text);

        private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
        {
            public void OnCompleted()
            {
            }

            public void OnError(Exception error)
            {
            }

            public void OnNext(T value) => onNext(value);
        }
    }
}
