using Microsoft.ML.OnnxRuntime;
using MlObservability.Lineage;

namespace MlObservability.OnnxRuntime;

/// <summary>What an ONNX model says about itself (<see cref="ModelMetadata"/>), read once when the session is instrumented.</summary>
/// <param name="ProducerName">The tool that wrote the model.</param>
/// <param name="GraphName">The name of the main graph.</param>
/// <param name="Domain">The model's domain.</param>
/// <param name="Description">The model's doc string.</param>
/// <param name="Version">The model version number (ModelProto.model_version).</param>
/// <param name="CustomMetadata">The custom metadata entries (metadata_props).</param>
public sealed record ModelDescription(
    string ProducerName,
    string GraphName,
    string Domain,
    string Description,
    long Version,
    IReadOnlyDictionary<string, string> CustomMetadata)
{
    internal static ModelDescription Of(InferenceSession session)
    {
        var metadata = session.ModelMetadata;
        return new ModelDescription(
            metadata.ProducerName ?? string.Empty,
            metadata.GraphName ?? string.Empty,
            metadata.Domain ?? string.Empty,
            metadata.Description ?? string.Empty,
            metadata.Version,
            new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal));
    }

    /// <summary>
    /// The registry facts in the custom metadata (<c>trained_at</c>, <c>data_snapshot</c>, <c>git_sha</c> and the other
    /// keys <see cref="ModelLineage.FromMetadata"/> reads). Add them to the monitored model with
    /// <c>model.AddComponent(new ModelLineageTracker(model.Name, model.Version, session.Model.ReadLineage()))</c>.
    /// </summary>
    /// <returns>The facts; empty when the model carries none.</returns>
    /// <exception cref="FormatException">The training-time entry is not a date; the message names the value.</exception>
    public ModelLineage ReadLineage() => ModelLineage.FromMetadata(CustomMetadata);

    internal IReadOnlyList<string>? ListEntry(string key)
    {
        if (!CustomMetadata.TryGetValue(key, out string? value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Split(',', StringSplitOptions.TrimEntries);
    }
}
