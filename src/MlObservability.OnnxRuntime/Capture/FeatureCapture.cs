using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>
/// Hands the rows of one input tensor to an <see cref="IModelInputSink"/> as spans over the tensor memory. Configuration
/// is checked against the model once; a run whose tensor does not fit is skipped and counted, never thrown.
/// </summary>
internal sealed class FeatureCapture : TensorCapture
{
    /// <summary>The metadata entry that lists feature names unless <see cref="FeatureCaptureOptions.FeatureNamesMetadataKey"/> says otherwise.</summary>
    public const string DefaultNamesMetadataKey = "feature_names";

    private readonly IModelInputSink _sink;

    public FeatureCapture(FeatureCaptureOptions options, TensorLayout[] inputs, ModelDescription description, string model)
        : base(model, "feature", "the input is not a dense float or double tensor")
    {
        ArgumentNullException.ThrowIfNull(options.Sink, nameof(FeatureCaptureOptions.Sink));
        _sink = options.Sink;
        Layout = ResolveInput(options.InputName, inputs);
        if (Layout.ElementType is not (TensorElementType.Float or TensorElementType.Double))
        {
            throw new ArgumentException(
                $"Feature capture needs a float or double input; input '{Layout.Name}' holds {Layout.ElementType}.", nameof(options));
        }

        var names = options.FeatureNames ?? description.ListEntry(options.FeatureNamesMetadataKey);
        if (names is not null && Layout.RowElements > 0 && names.Count != Layout.RowElements)
        {
            throw new ArgumentException(
                $"Input '{Layout.Name}' has {Layout.RowElements} features per row but {names.Count} feature names were given " +
                $"(FeatureNames or metadata '{options.FeatureNamesMetadataKey}'); make them agree.", nameof(options));
        }

        FeatureNames = names?.ToArray() ?? PositionalNames(Layout);
    }

    /// <summary>
    /// The feature names of a model whose features are not captured: those of its only float or double input, from
    /// the metadata entry <paramref name="metadataKey"/> when its count fits, else <c>f0</c>, <c>f1</c>, ...; empty
    /// when the model has several inputs or the width is not fixed and the metadata does not say.
    /// </summary>
    public static IReadOnlyList<string> NamesOf(TensorLayout[] inputs, ModelDescription description, string metadataKey)
    {
        if (inputs.Length != 1 || inputs[0].ElementType is not (TensorElementType.Float or TensorElementType.Double))
        {
            return [];
        }

        var layout = inputs[0];
        var names = description.ListEntry(metadataKey);
        return names is not null && (layout.RowElements <= 0 || names.Count == layout.RowElements)
            ? names.ToArray()
            : PositionalNames(layout);
    }

    private static string[] PositionalNames(TensorLayout layout) =>
        layout.RowElements > 0
            ? Enumerable.Range(0, layout.RowElements).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)).ToArray()
            : [];

    public TensorLayout Layout { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Captures the rows of <paramref name="value"/>, reading <paramref name="bytes"/> when the caller already has the tensor memory.</summary>
    public void Capture(OrtValue value, ReadOnlySpan<byte> bytes, int batchSize, int firstRow, int every)
    {
        if (bytes.IsEmpty)
        {
            bytes = value.GetTensorMutableRawData();
        }

        if (Layout.ElementType == TensorElementType.Float)
        {
            Capture(MemoryMarshal.Cast<byte, float>(bytes), batchSize, firstRow, every);
        }
        else
        {
            Capture(MemoryMarshal.Cast<byte, double>(bytes), batchSize, firstRow, every);
        }
    }

    protected override void Capture(ReadOnlySpan<float> data, int batchSize, int firstRow, int every)
    {
        int width = RowWidth(data.Length, batchSize);
        if (width <= 0)
        {
            return;
        }

        long captured = 0;
        for (int row = firstRow; row < batchSize; row += every)
        {
            _sink.RecordFeatures(data.Slice(row * width, width));
            captured++;
        }

        AddCapturedRows(captured);
    }

    protected override void Capture(ReadOnlySpan<double> data, int batchSize, int firstRow, int every)
    {
        int width = RowWidth(data.Length, batchSize);
        if (width <= 0)
        {
            return;
        }

        long captured = 0;
        for (int row = firstRow; row < batchSize; row += every)
        {
            _sink.RecordFeatures(data.Slice(row * width, width));
            captured++;
        }

        AddCapturedRows(captured);
    }

    private int RowWidth(int length, int batchSize)
    {
        if (batchSize <= 0 || length == 0)
        {
            return 0;
        }

        int width = length / batchSize;
        if (width * batchSize != length || (FeatureNames.Count > 0 && width != FeatureNames.Count))
        {
            Skip("the tensor's row width does not match the feature names");
            return 0;
        }

        return width;
    }

    private static TensorLayout ResolveInput(string? name, TensorLayout[] inputs)
    {
        if (name is null)
        {
            return inputs.Length == 1
                ? inputs[0]
                : throw new ArgumentException(
                    $"The model has {inputs.Length} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); set FeatureCaptureOptions.InputName.");
        }

        return Array.Find(inputs, i => i.Name == name)
            ?? throw new ArgumentException(
                $"The model has no input named '{name}'; its inputs are {string.Join(", ", inputs.Select(i => i.Name))}.");
    }
}
