using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>
/// Reads predictions from one output tensor (probabilities, logits or regression values) as spans over the tensor
/// memory and hands them to an <see cref="IModelOutputSink"/>. A run whose tensor does not fit is skipped and counted.
/// </summary>
internal sealed class OutputCapture : TensorCapture
{
    /// <summary>Widest classifier row passed on as a probability vector (a stack buffer); wider rows pass the
    /// predicted class's confidence only.</summary>
    internal const int MaxProbabilityVectorWidth = 256;

    private readonly IModelOutputSink _sink;
    private readonly string[]? _labels;

    public OutputCapture(OutputCaptureOptions options, TensorLayout[] outputs, ModelDescription description, string model)
        : base(model, "output", "the output is not a dense float or double tensor")
    {
        ArgumentNullException.ThrowIfNull(options.Sink, nameof(OutputCaptureOptions.Sink));
        if (!Enum.IsDefined(options.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "OutputCaptureOptions.Kind is not a known OutputKind.");
        }

        _sink = options.Sink;
        Kind = options.Kind;
        Layout = ResolveOutput(options.OutputName, outputs);
        if (Layout.ElementType is not (TensorElementType.Float or TensorElementType.Double))
        {
            throw new ArgumentException(
                $"Output capture needs a float or double output; output '{Layout.Name}' holds {Layout.ElementType}.", nameof(options));
        }

        if (Kind == OutputKind.Regression && Layout.RowElements > 1)
        {
            throw new ArgumentException(
                $"Output '{Layout.Name}' has {Layout.RowElements} values per row; a regression output has one (shape [N] or [N, 1]).", nameof(options));
        }

        if (Kind != OutputKind.Regression)
        {
            if (Layout.RowElements == 1 || Layout.Rank < 2)
            {
                throw new ArgumentException(
                    $"Output '{Layout.Name}' has one value per row; a classifier output has one column per class (shape [N, classes]).", nameof(options));
            }

            var classes = options.ClassNames ?? description.ListEntry(options.ClassNamesMetadataKey);
            if (classes is not null && Layout.RowElements > 0 && classes.Count != Layout.RowElements)
            {
                throw new ArgumentException(
                    $"Output '{Layout.Name}' has {Layout.RowElements} classes but {classes.Count} class names were given " +
                    $"(ClassNames or metadata '{options.ClassNamesMetadataKey}'); make them agree.", nameof(options));
            }

            if (options.ReportClassLabels)
            {
                _labels = classes?.ToArray() ?? throw new ArgumentException(
                    $"ReportClassLabels needs class names: set OutputCaptureOptions.ClassNames or the metadata entry '{options.ClassNamesMetadataKey}'.",
                    nameof(options));
            }

            ClassNames = classes?.ToArray() ?? [];
        }
        else
        {
            ClassNames = [];
        }
    }

    public TensorLayout Layout { get; }

    public OutputKind Kind { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public void Capture(OrtValue value, int batchSize, int firstRow, int every)
    {
        if (Layout.ElementType == TensorElementType.Float)
        {
            Capture(value.GetTensorDataAsSpan<float>(), batchSize, firstRow, every);
        }
        else
        {
            Capture(value.GetTensorDataAsSpan<double>(), batchSize, firstRow, every);
        }
    }

    protected override void Capture(ReadOnlySpan<float> data, int batchSize, int firstRow, int every) =>
        CaptureRows(data, batchSize, firstRow, every);

    protected override void Capture(ReadOnlySpan<double> data, int batchSize, int firstRow, int every) =>
        CaptureRows(data, batchSize, firstRow, every);

    private void CaptureRows<T>(ReadOnlySpan<T> data, int batchSize, int firstRow, int every)
        where T : unmanaged, INumberBase<T>
    {
        if (batchSize <= 0 || data.Length == 0)
        {
            return;
        }

        int width = data.Length / batchSize;
        if (width * batchSize != data.Length || (Layout.RowElements > 0 && width != Layout.RowElements)
            || (Kind == OutputKind.Regression ? width != 1 : width < 2))
        {
            Skip("the tensor's row width does not match the output's declared shape");
            return;
        }

        long captured = 0;
        Span<double> vector = Kind != OutputKind.Regression && width <= MaxProbabilityVectorWidth ? stackalloc double[width] : default;
        for (int row = firstRow; row < batchSize; row += every)
        {
            var values = data.Slice(row * width, width);
            if (Kind == OutputKind.Regression)
            {
                _sink.RecordRegression(double.CreateTruncating(values[0]));
            }
            else
            {
                int predicted = Kind == OutputKind.Logits
                    ? PredictionDecoder.FromLogits(values, out double confidence)
                    : PredictionDecoder.FromProbabilities(values, out confidence);
                if (predicted >= 0 && !vector.IsEmpty)
                {
                    // The whole row, as probabilities: multiclass log loss and Brier score need every class's.
                    PredictionDecoder.Probabilities(values, Kind == OutputKind.Logits, vector);
                    if (_labels is not null)
                    {
                        _sink.RecordClassification(_labels[predicted], vector);
                    }
                    else
                    {
                        _sink.RecordClassification(predicted, vector);
                    }
                }
                else if (_labels is not null && predicted >= 0)
                {
                    _sink.RecordClassification(_labels[predicted], confidence);
                }
                else
                {
                    // A NaN row reaches the sink as class -1, which it counts as invalid.
                    _sink.RecordClassification(predicted, confidence);
                }
            }

            captured++;
        }

        AddCapturedRows(captured);
    }

    private static TensorLayout ResolveOutput(string? name, TensorLayout[] outputs)
    {
        if (name is null)
        {
            if (outputs.Length == 1)
            {
                return outputs[0];
            }

            return Array.Find(outputs, o => o.Name == "probabilities")
                ?? throw new ArgumentException(
                    $"The model has {outputs.Length} outputs ({string.Join(", ", outputs.Select(o => o.Name))}); set OutputCaptureOptions.OutputName.");
        }

        return Array.Find(outputs, o => o.Name == name)
            ?? throw new ArgumentException(
                $"The model has no output named '{name}'; its outputs are {string.Join(", ", outputs.Select(o => o.Name))}.");
    }
}
