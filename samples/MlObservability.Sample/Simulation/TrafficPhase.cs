using MlObservability.Sample.Service;

namespace MlObservability.Sample.Simulation;

/// <summary>One phase of the simulated traffic: how long it lasts, how inputs are shifted, how slow the model is.</summary>
/// <param name="Name">Shown in the progress output and the report.</param>
/// <param name="Duration">How long the phase lasts.</param>
/// <param name="Shift">Applied to each row before it is sent (covariate shift); null for none.</param>
/// <param name="ExtraLatency">Added to every inference (a latency regression, e.g. a noisy neighbour on the GPU).</param>
/// <param name="PermutedFeature">The index of a feature whose value each row takes from another random row (a join
/// that pairs rows wrongly): its marginal distribution is unchanged, its relationship with the other features is gone;
/// null for none.</param>
/// <param name="Deploy">A model version the phase deploys through the model router as it starts (a manual switch:
/// the version served before becomes the rollback target); null for none.</param>
public sealed record TrafficPhase(string Name, TimeSpan Duration, Action<float[]>? Shift, TimeSpan ExtraLatency, int? PermutedFeature = null, string? Deploy = null)
{
    /// <summary>The index of flavanoids among <see cref="WineDataset.FeatureNames"/>.</summary>
    public const int Flavanoids = 6;

    /// <summary>The phases of the default scenario, scaled by <paramref name="scale"/> (1 = about 120 seconds).</summary>
    /// <param name="scale">Multiplies every duration.</param>
    /// <returns>Healthy, then covariate shift with a latency regression, then recovery, then flavanoids permuted
    /// across rows (a shift only the multivariate detector sees), then version 4 (trained on a biased subset) deployed
    /// on healthy traffic, which the router rolls back when its quality alert fires.</returns>
    public static IReadOnlyList<TrafficPhase> DefaultScenario(double scale) =>
    [
        new("healthy", TimeSpan.FromSeconds(25 * scale), null, TimeSpan.Zero),
        new("shift+slow", TimeSpan.FromSeconds(25 * scale), ShiftTowardsAnotherCultivar, TimeSpan.FromMilliseconds(60)),
        new("recovered", TimeSpan.FromSeconds(25 * scale), null, TimeSpan.Zero),
        new("permuted", TimeSpan.FromSeconds(25 * scale), null, TimeSpan.Zero, Flavanoids),
        new("deploy v4", TimeSpan.FromSeconds(20 * scale), null, TimeSpan.Zero, Deploy: WineModelRouting.BiasedVersion),
    ];

    /// <summary>
    /// A covariate shift such as a new supplier or a recalibrated instrument: colour intensity doubled, proline down 50 %,
    /// flavanoids down 65 %. These are the features that separate the cultivars, so accuracy falls too.
    /// </summary>
    private static void ShiftTowardsAnotherCultivar(float[] row)
    {
        row[9] *= 2.0f;   // color_intensity
        row[12] *= 0.5f;  // proline
        row[6] *= 0.35f;  // flavanoids
    }
}
