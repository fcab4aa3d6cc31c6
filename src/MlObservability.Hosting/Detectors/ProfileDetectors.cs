using MlObservability.Drift;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Multivariate;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Detectors;

/// <summary>
/// The detectors that need the model's reference profile beside its <see cref="DriftMonitor"/> (created before them):
/// multivariate drift by reconstruction, embedding drift per vector input, and the importance-weighted model drift score.
/// Each is created from the profile's sections and the model's <c>Drift</c> settings; a setting the profile cannot
/// satisfy fails startup with a message naming the key.
/// </summary>
internal static class ProfileDetectors
{
    public static object? CreateReconstruction(ModelMonitorContext context)
    {
        var settings = context.Options.Drift.Reconstruction;
        if (settings.Enabled == false || context.Model.Drift is not { } drift)
        {
            return null;
        }

        if (drift.Profile.Reconstruction is not { } baseline)
        {
            return settings.Enabled == true
                ? throw new InvalidOperationException(
                    $"{ModelSettingPath.Of(context, "Drift:Reconstruction:Enabled")} is true, but the reference profile '{context.Options.DriftReferencePath}' has no reconstruction baseline: add one with ReconstructionDriftProfile.Fit and ReferenceProfile.WithReconstruction when building the profile, or remove the setting.")
                : null;
        }

        var columns = ReconstructionFeed.Columns(baseline.FeatureNames, [.. drift.Profile.Features.Select(f => f.Name)], ModelSettingPath.Of(context, "Drift:Reconstruction"));
        var detector = new ReconstructionDriftDetector(
            context.Options.Name,
            context.Options.Version,
            baseline,
            new ReconstructionDriftDetectorOptions
            {
                WindowSize = settings.WindowSize,
                MinimumRows = settings.MinimumRows,
                ThresholdStandardDeviations = settings.ThresholdStandardDeviations,
                DriftSeverity = settings.Severity,
            },
            context.Model);
        return new ReconstructionFeed(detector, columns, drift.Profile.Features.Count);
    }

    public static object? CreateEmbeddings(ModelMonitorContext context)
    {
        var configured = context.Options.Drift.Embeddings;
        var profile = context.Model.Drift?.Profile;
        var available = profile?.Embeddings ?? [];
        foreach (var name in configured.Keys)
        {
            if (!available.Any(e => e.Name == name))
            {
                string known = available.Count == 0 ? "it has none" : $"it has [{string.Join(", ", available.Select(e => e.Name))}]";
                string nearest = UnknownConfigurationKeys.Nearest(name, available.Select(e => e.Name)) is { } n ? $" (did you mean '{n}'?)" : string.Empty;
                throw new InvalidOperationException(
                    $"{ModelSettingPath.Of(context, "Drift:Embeddings:" + name)} names no embedding baseline of the reference profile '{context.Options.DriftReferencePath}' ({known}){nearest}: fit one with EmbeddingDriftProfile.Fit and ReferenceProfile.WithEmbedding, or remove the setting.");
            }
        }

        var detectors = new List<object>();
        foreach (var baseline in available)
        {
            var settings = configured.TryGetValue(baseline.Name, out var s) ? s : new ModelEmbeddingOptions();
            if (settings.Enabled)
            {
                detectors.Add(new EmbeddingDriftDetector(
                    context.Options.Name,
                    context.Options.Version,
                    baseline,
                    new EmbeddingDriftDetectorOptions { MinimumRows = settings.MinimumRows, DriftSeverity = settings.Severity },
                    context.Model));
            }
        }

        return detectors.Count == 0 ? null : new ModelComponents(detectors);
    }

    public static object? CreateModelScore(ModelMonitorContext context)
    {
        if (context.Model.Drift is not { } drift)
        {
            return null;
        }

        var settings = context.Options.Drift;
        IReadOnlyDictionary<string, double> importances = settings.FeatureImportances.Count > 0
            ? new Dictionary<string, double>(settings.FeatureImportances, StringComparer.Ordinal)
            : drift.Profile.FeatureImportances;
        if (importances.Count == 0)
        {
            return null;
        }

        var features = drift.Profile.Features.Select(f => f.Name).ToList();
        foreach (var name in importances.Keys)
        {
            if (!features.Contains(name, StringComparer.Ordinal))
            {
                string nearest = UnknownConfigurationKeys.Nearest(name, features) is { } n ? $"did you mean '{n}'? " : string.Empty;
                throw new InvalidOperationException(
                    $"{ModelSettingPath.Of(context, "Drift:FeatureImportances:" + name)}: the reference profile has no feature '{name}' ({nearest}features: [{string.Join(", ", features)}]); an importance of an unknown feature would weigh nothing.");
            }
        }

        return new ModelDriftScorer(
            context.Options.Name,
            context.Options.Version,
            () => drift.LatestResults,
            importances,
            new ModelDriftScoreOptions { Method = settings.ModelScoreMethod },
            context.Model);
    }
}
