using MlObservability.OnnxRuntime.Capture;

namespace MlObservability.OnnxRuntime;

/// <summary>
/// Which input tensor of a session holds the feature rows, and where the rows go (the drift monitor). Rows are handed to
/// the sink as spans over the tensor memory: nothing is copied.
/// </summary>
public sealed record FeatureCaptureOptions
{
    /// <summary>The receiver of the feature rows, typically the model's drift monitor.</summary>
    public required IModelInputSink Sink { get; init; }

    /// <summary>The input holding the rows, shape [N, features] (float or double). Default: the model's only input.</summary>
    public string? InputName { get; init; }

    /// <summary>
    /// The feature names, in column order. Default: the comma-separated custom metadata entry named
    /// <see cref="FeatureNamesMetadataKey"/>; when neither is present, <c>f0</c>, <c>f1</c>, ... When the input's width is
    /// fixed in the model, the number of names must match it.
    /// </summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The custom metadata key holding comma-separated feature names. Default <c>feature_names</c>.</summary>
    public string FeatureNamesMetadataKey { get; init; } = FeatureCapture.DefaultNamesMetadataKey;
}
