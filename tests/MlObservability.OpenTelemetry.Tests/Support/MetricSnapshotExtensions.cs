using OpenTelemetry.Metrics;

namespace MlObservability.OpenTelemetry.Tests.Support;

/// <summary>Reading exported OpenTelemetry metric snapshots in assertions.</summary>
internal static class MetricSnapshotExtensions
{
    public static MetricSnapshot Single(this IEnumerable<MetricSnapshot> metrics, string name)
    {
        var matches = metrics.Where(m => m.Name == name).ToList();
        Assert.That(matches, Is.Not.Empty, $"instrument {name} was not exported; exported: {string.Join(", ", metrics.Select(m => m.Name).Distinct())}");
        return matches[^1];
    }

    public static Dictionary<string, object?> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    /// <summary>The points whose tags include every given pair.</summary>
    public static List<MetricPoint> PointsWith(this MetricSnapshot metric, params (string Key, object Value)[] tags)
    {
        var points = new List<MetricPoint>();
        foreach (var point in metric.MetricPoints)
        {
            var actual = TagsOf(point);
            if (tags.All(t => actual.TryGetValue(t.Key, out var v) && Equals(v?.ToString(), t.Value.ToString())))
            {
                points.Add(point);
            }
        }

        return points;
    }
}
