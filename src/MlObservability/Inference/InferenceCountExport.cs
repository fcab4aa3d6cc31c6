using System.Diagnostics.Metrics;

namespace MlObservability.Inference;

/// <summary>
/// Exports <c>ml.inference.requests</c> (by outcome) and <c>ml.inference.active</c> from the counts every
/// <see cref="InferenceMetrics"/> keeps anyway, at collection time, instead of a synchronous OpenTelemetry measurement
/// per call (three per call before: active +1, active −1, requests +1).
/// </summary>
/// <remarks>
/// The exported series are those the synchronous instruments produced: one per model, version, endpoint (and outcome,
/// from its first call on), cumulative since the instance was created. Live instances with the same tags add up into
/// one series. A disposed instance stops being reported (its model is gone; Prometheus' <c>rate</c> and
/// <c>increase</c> treat a later instance with the same tags as a counter reset). Collection takes one lock; the
/// recording path takes none.
/// </remarks>
internal static class InferenceCountExport
{
    private static readonly object Gate = new();

    public static IEnumerable<Measurement<long>> ObserveRequests()
    {
        InferenceInstruments.ReplayBuffered();
        List<Measurement<long>> measurements = [];
        lock (Gate)
        {
            var sums = new Dictionary<(string, string, string), Totals>();

            foreach (var metrics in InferenceInstruments.Live.Items)
            {
                var key = (metrics.ModelName, metrics.ModelVersion, metrics.Endpoint);
                if (!sums.TryGetValue(key, out var sum))
                {
                    sums[key] = sum = new Totals(metrics.Tags.ToArray());
                }

                var (success, error, cancelled, _) = metrics.ReadCounts();
                sum.Add(success, error, cancelled);
            }

            foreach (var sum in sums.Values)
            {
                // Like the synchronous counter, an outcome's series appears with its first call.
                Add(measurements, sum.Success, sum, InferenceOutcome.Success);
                Add(measurements, sum.Error, sum, InferenceOutcome.Error);
                Add(measurements, sum.Cancelled, sum, InferenceOutcome.Cancelled);
            }
        }

        return measurements;
    }

    private static void Add(List<Measurement<long>> measurements, long count, Totals sum, InferenceOutcome outcome)
    {
        if (count > 0)
        {
            measurements.Add(new Measurement<long>(count, sum.OutcomeTags(outcome)));
        }
    }

    public static IEnumerable<Measurement<long>> ObserveActive()
    {
        InferenceInstruments.ReplayBuffered();
        var sums = new Dictionary<(string, string, string), (long Active, KeyValuePair<string, object?>[] Tags)>();
        foreach (var metrics in InferenceInstruments.Live.Items)
        {
            var key = (metrics.ModelName, metrics.ModelVersion, metrics.Endpoint);
            var active = metrics.ReadCounts().Active;
            sums[key] = sums.TryGetValue(key, out var sum) ? (sum.Active + active, sum.Tags) : (active, metrics.Tags.ToArray());
        }

        return [.. sums.Values.Select(s => new Measurement<long>(s.Active, s.Tags))];
    }

    /// <summary>Request counts by outcome of one tag set.</summary>
    private sealed class Totals(KeyValuePair<string, object?>[] tags)
    {
        public KeyValuePair<string, object?>[] Tags => tags;

        public long Success { get; private set; }

        public long Error { get; private set; }

        public long Cancelled { get; private set; }

        public void Add(long success, long error, long cancelled)
        {
            Success += success;
            Error += error;
            Cancelled += cancelled;
        }

        public KeyValuePair<string, object?>[] OutcomeTags(InferenceOutcome outcome) =>
            [.. tags, new(SemanticConventions.Outcome, outcome switch
            {
                InferenceOutcome.Success => "success",
                InferenceOutcome.Error => "error",
                _ => "cancelled",
            })];
    }
}
