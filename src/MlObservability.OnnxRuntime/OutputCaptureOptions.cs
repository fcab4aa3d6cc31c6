namespace MlObservability.OnnxRuntime;

/// <summary>
/// Which output tensor of a session holds the predictions, what it holds, and where the predictions go (the quality
/// module). Outputs are read as spans over the tensor memory.
/// </summary>
public sealed record OutputCaptureOptions
{
    /// <summary>The receiver of the predictions, typically the model's quality tracker.</summary>
    public required IModelOutputSink Sink { get; init; }

    /// <summary>The output to read (float or double). Default: the model's only output, or the one named <c>probabilities</c>.</summary>
    public string? OutputName { get; init; }

    /// <summary>What the output holds. Default <see cref="OutputKind.Probabilities"/>; use <see cref="OutputKind.Logits"/> to have softmax applied.</summary>
    public OutputKind Kind { get; init; } = OutputKind.Probabilities;

    /// <summary>
    /// Report classes by label (<see cref="IModelOutputSink.RecordClassification(string, double, string?)"/>) instead of by
    /// index. Labels come from <see cref="ClassNames"/> or the metadata entry <see cref="ClassNamesMetadataKey"/>. Default false.
    /// </summary>
    public bool ReportClassLabels { get; init; }

    /// <summary>The class labels, in output column order. Default: the metadata entry named <see cref="ClassNamesMetadataKey"/>.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The custom metadata key holding comma-separated class names. Default <c>class_names</c>.</summary>
    public string ClassNamesMetadataKey { get; init; } = "class_names";
}
