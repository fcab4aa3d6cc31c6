using System.Diagnostics.Tracing;
using System.Reflection;

namespace MlObservability.Tests.Shared;

/// <summary>
/// Checks an <see cref="EventSource"/> as OpenTelemetry .NET's <c>EventSourceTestHelper</c> does: every
/// <see cref="EventAttribute"/> id is unique, and calling each event method writes the event of that id with one payload
/// item per parameter (a method that passes the wrong id to <c>WriteEvent</c> fails here, not in production).
/// </summary>
internal static class EventSourceContract
{
    public static void Verify(EventSource eventSource)
    {
        var methods = eventSource.GetType()
            .GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Select(m => (Method: m, Event: m.GetCustomAttribute<EventAttribute>()))
            .Where(m => m.Event is not null)
            .ToList();
        Assert.That(methods, Is.Not.Empty, $"{eventSource.Name} declares no events");
        var duplicates = methods.GroupBy(m => m.Event!.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.That(duplicates, Is.Empty, $"{eventSource.Name}: event ids used more than once");

        using var listener = new CapturingListener(eventSource);
        foreach (var (method, attribute) in methods)
        {
            listener.Events.Clear();
            var parameters = method.GetParameters();
            method.Invoke(eventSource, parameters.Select(p => SampleValue(p.ParameterType)).ToArray());
            var written = listener.Events.SingleOrDefault();
            Assert.That(written, Is.Not.Null, $"{eventSource.Name}.{method.Name} wrote no event");
            Assert.Multiple(() =>
            {
                Assert.That(written!.EventId, Is.EqualTo(attribute!.EventId), $"{eventSource.Name}.{method.Name} writes the id of its attribute");
                Assert.That(written.Payload, Has.Count.EqualTo(parameters.Length), $"{eventSource.Name}.{method.Name} writes one payload item per parameter");
                Assert.That(written.EventName, Is.EqualTo(method.Name));
            });
        }
    }

    private static object SampleValue(Type type) =>
        type == typeof(string) ? "x"
        : type == typeof(int) ? 1
        : type == typeof(long) ? 1L
        : type == typeof(double) ? 1.0
        : type == typeof(bool) ? true
        : throw new NotSupportedException($"No sample value for event parameter type {type}");

    private sealed class CapturingListener : EventListener
    {
        private readonly EventSource _source;

        public CapturingListener(EventSource source)
        {
            _source = source;
            EnableEvents(source, EventLevel.Verbose, EventKeywords.All);
        }

        public List<EventWrittenEventArgs> Events { get; } = [];

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (ReferenceEquals(eventData.EventSource, _source) && eventData.EventId > 0)
            {
                lock (Events)
                {
                    Events.Add(eventData);
                }
            }
        }
    }
}
