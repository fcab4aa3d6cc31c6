using MlObservability.Challengers;
using MlObservability.Routing;

namespace MlObservability.OpenTelemetry.Tests.Prometheus;

/// <summary>A challenger in shadow and a model router, so the scrape contains ml.challenger.* and ml.router.* (issue 19).</summary>
internal static class MetricsDocumentationChallengers
{
    public static IDisposable[] Start()
    {
        var shadow = new ChallengerShadow<int>("docs-detectors", "1", "2", x => new ShadowPrediction(x % 2, 0.9),
            new ShadowOptions { Share = 1 }, null, null, startWorker: false);
        for (int i = 0; i < 4; i++)
        {
            shadow.TryShadow("docs-" + i, i, 0, 0.001);
        }

        shadow.ProcessQueued();
        shadow.RecordGroundTruth("docs-0", 0);
        shadow.EvaluateNow(DateTimeOffset.UtcNow);
        var router = new ModelRouter<object>("docs-detectors");
        router.AddVersion("1", new object());
        router.AddVersion("2", new object());
        router.SwitchTo("2", "docs");
        return [shadow, router];
    }
}
