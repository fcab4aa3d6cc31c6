using System.Globalization;
using MlObservability.Drift;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Streaming;

namespace MlObservability.Hosting.Detectors;

/// <summary>The part of a model's startup line that names its multivariate, embedding, model-score and streaming
/// detectors; empty when it has none.</summary>
internal static class DetectorSummary
{
    public static string Of(ModelMonitor model)
    {
        var parts = new List<string>();
        foreach (var component in model.Components)
        {
            switch (component)
            {
                case ReconstructionFeed feed:
                    var r = feed.Detector;
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"multivariate reconstruction drift on {r.Profile.FeatureNames.Count} features ({r.Profile.ComponentCount} components, band [{r.LowerThreshold:G4}, {r.UpperThreshold:G4}])"));
                    break;
                case EmbeddingDriftDetector e:
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"embedding drift on '{e.Profile.Name}' ({e.Profile.Dimension} dimensions, MMD² and centroid cosine, windows of {e.Profile.WindowSize})"));
                    break;
                case ModelDriftScorer:
                    parts.Add("model drift score (importance-weighted)");
                    break;
                case ConfidenceStreamFeed c:
                    parts.Add(Stream(c.Monitor));
                    break;
                case LatencyStreamFeed l:
                    parts.Add(Stream(l.Monitor));
                    break;
                case StreamingDriftMonitor s:
                    parts.Add(Stream(s));
                    break;
            }
        }

        return parts.Count == 0 ? string.Empty : ", " + string.Join(", ", parts);
    }

    private static string Stream(StreamingDriftMonitor monitor) => monitor.Detector.Method switch
    {
        "page_hinkley" => $"Page-Hinkley on {monitor.Stream}",
        "cusum" => $"CUSUM on {monitor.Stream}",
        "adwin" => $"ADWIN on the {monitor.Stream} stream",
        var other => $"{other} on {monitor.Stream}",
    };
}
