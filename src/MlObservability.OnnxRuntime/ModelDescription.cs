using Microsoft.ML.OnnxRuntime;

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

    internal IReadOnlyList<string>? ListEntry(string key)
    {
        if (!CustomMetadata.TryGetValue(key, out string? value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Split(',', StringSplitOptions.TrimEntries);
    }
}
