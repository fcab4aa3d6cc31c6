using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Drift;

/// <summary>The process-wide gauge behind every <see cref="ModelDriftScorer"/>.</summary>
internal static class ModelDriftScoreInstruments
{
    /// <summary>The kind of the events raised.</summary>
    public const string EventKind = "drift.model";

    private static readonly InstanceRegistry<ModelDriftScorer> Live = new();

    internal static readonly ObservableGauge<double> Score = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.model_score", Observe, "{score}",
        "Importance-weighted mean of the per-feature drift effect sizes of one method (attribution drift).");

    public static void Register(ModelDriftScorer scorer)
    {
        _ = Score;
        Live.Add(scorer);
    }

    public static void Unregister(ModelDriftScorer scorer) => Live.Remove(scorer);

    private static IEnumerable<Measurement<double>> Observe()
    {
        foreach (var s in Live.Items)
        {
            var v = s.Score;
            if (!double.IsNaN(v))
            {
                yield return new Measurement<double>(v, s.Tags);
            }
        }
    }
}
