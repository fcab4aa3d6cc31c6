using MlObservability.Instrumentation;

namespace MlObservability.Hosting.Configuration;

/// <summary>How a decorator's or session's model name, version and endpoint compare with the configured models.</summary>
/// <param name="Matches">It records into a configured model (same name, version and endpoint).</param>
/// <param name="Problem">Why its data reaches no configured model (or only part of one); <see langword="null"/> when it matches or only uses an endpoint of its own.</param>
/// <param name="SeparateEndpointOf">The configured model whose name and version it shares while recording under an endpoint of its own (its calls stay out of that model's SLOs); <see langword="null"/> otherwise.</param>
internal sealed record RecordingTargetMatch(bool Matches, string? Problem, ModelMonitorOptions? SeparateEndpointOf)
{
    /// <summary>Compares <paramref name="target"/> with the configured models (names, versions and endpoints are case-sensitive tags).</summary>
    public static RecordingTargetMatch Of(RecordingTarget target, IReadOnlyList<ModelMonitorOptions> models)
    {
        var sameName = models.Where(m => string.Equals(m.Name, target.ModelName, StringComparison.Ordinal)).ToList();
        if (sameName.Count == 0)
        {
            var ignoringCase = models.FirstOrDefault(m => string.Equals(m.Name, target.ModelName, StringComparison.OrdinalIgnoreCase));
            string? nearest = ignoringCase?.Name ?? UnknownConfigurationKeys.Nearest(target.ModelName, models.Select(m => m.Name));
            string advice = ignoringCase is not null ? $"model names are case-sensitive; the configured name is '{ignoringCase.Name}'."
                : nearest is not null ? $"did you mean '{nearest}'?"
                : "add the model under MlMonitoring:Models or with options.AddModel(...).";
            return new(false, $"no model is named '{target.ModelName}' ({advice}) Its drift, quality and SLOs receive nothing.", null);
        }

        var sameVersion = sameName.Where(m => string.Equals(m.Version, target.ModelVersion, StringComparison.Ordinal)).ToList();
        if (sameVersion.Count == 0)
        {
            string versions = string.Join(", ", sameName.Select(m => $"'{m.Version}'"));
            return new(false, $"model '{target.ModelName}' is configured with version {versions}, the calls are tagged version '{target.ModelVersion}': request metrics and SLOs of the configured version see none of these calls while drift and quality do. Make the versions equal (ModelVersion on [Instrumented], ModelVersion of the session, Version in configuration).", null);
        }

        if (sameVersion.Any(m => string.Equals(m.Endpoint, target.Endpoint, StringComparison.Ordinal)))
        {
            return new(true, null, null);
        }

        var endpointIgnoringCase = sameVersion.FirstOrDefault(m => string.Equals(m.Endpoint, target.Endpoint, StringComparison.OrdinalIgnoreCase));
        if (endpointIgnoringCase is not null)
        {
            return new(false, $"endpoint names are case-sensitive: configured '{endpointIgnoringCase.Endpoint}', recorded '{target.Endpoint}'; the configured model's request metrics and SLOs see none of these calls.", null);
        }

        return new(false, null, sameVersion[0]);
    }

    /// <summary>The configured models as the messages list them: <c>wine (version '3', endpoint 'predict')</c>.</summary>
    public static string Describe(IReadOnlyList<ModelMonitorOptions> models) =>
        models.Count == 0 ? "none" : string.Join(", ", models.Select(m => $"{m.Name} (version '{m.Version}', endpoint '{m.Endpoint}')"));
}
