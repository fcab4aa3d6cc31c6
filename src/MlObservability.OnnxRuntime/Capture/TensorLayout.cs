using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>
/// The shape of one model input or output as declared in the model, reduced to what the hot path needs: the element
/// type and, when every dimension after the first is fixed, the number of elements per row. With that, the batch size
/// of a run is the tensor's byte length divided by the row size, read without allocating.
/// </summary>
internal sealed class TensorLayout
{
    private TensorLayout(string name, NodeMetadata metadata)
    {
        Name = name;
        IsTensor = metadata.IsTensor;
        ElementType = IsTensor ? metadata.ElementDataType : TensorElementType.DataTypeMax;
        var dims = IsTensor ? metadata.Dimensions : [];
        Rank = dims.Length;
        long row = 1;
        for (int i = 1; i < dims.Length; i++)
        {
            row = dims[i] > 0 && row >= 0 ? row * dims[i] : -1;
        }

        RowElements = Rank == 0 ? 1 : (int)Math.Clamp(row, -1, int.MaxValue);
        ElementSize = ElementType switch
        {
            TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
            TensorElementType.Double or TensorElementType.Int64 or TensorElementType.UInt64 => 8,
            TensorElementType.Int16 or TensorElementType.UInt16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
            TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool => 1,
            _ => 0,
        };
        Dimensions = dims;
    }

    public string Name { get; }

    public bool IsTensor { get; }

    public TensorElementType ElementType { get; }

    public int Rank { get; }

    /// <summary>Elements per row (all dimensions after the first); -1 when one of them is dynamic.</summary>
    public int RowElements { get; }

    /// <summary>Bytes per element; 0 for strings and non-tensors.</summary>
    public int ElementSize { get; }

    public int[] Dimensions { get; }

    public static TensorLayout[] Of(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        var layouts = new TensorLayout[names.Count];
        for (int i = 0; i < layouts.Length; i++)
        {
            layouts[i] = new TensorLayout(names[i], metadata[names[i]]);
        }

        return layouts;
    }

    /// <summary>
    /// The leading dimension of <paramref name="value"/>: 1 for scalars and vectors (one row). When the row size is fixed,
    /// <paramref name="bytes"/> receives the tensor's memory, so capture does not ask ONNX Runtime for it again.
    /// </summary>
    public int BatchSizeOf(OrtValue value, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!value.IsTensor)
        {
            return 1;
        }

        if (RowElements > 0 && ElementSize > 0)
        {
            bytes = value.GetTensorMutableRawData();
            return Rank <= 1 ? 1 : bytes.Length / (RowElements * ElementSize);
        }

        if (Rank <= 1)
        {
            return 1;
        }

        // Dynamic inner dimensions or strings: ask for the shape (allocates its array).
        var shape = value.GetTensorTypeAndShape().Shape;
        return shape.Length == 0 ? 1 : (int)Math.Clamp(shape[0], 0, int.MaxValue);
    }
}
