using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime;

public sealed partial class InstrumentedInferenceSession
{
    /// <summary>
    /// Runs the model <paramref name="runs"/> times on zero-filled inputs (dynamic dimensions set to 1) so that lazy
    /// initialisation (memory arenas, kernel selection, GPU graph capture) happens before the first request. The runs are
    /// not counted as requests; their total time is published as <c>ml.onnx.session.warmup.duration</c>. A model whose
    /// inputs cannot be synthesised (strings, sequences, maps) is not warmed up; a failed run is reported on the event
    /// source, not thrown.
    /// </summary>
    /// <param name="runs">Number of runs, 1 or more.</param>
    /// <returns>The time taken, or <see langword="null"/> when the model could not be warmed up.</returns>
    public TimeSpan? WarmUp(int runs = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var names = _session.InputNames;
        var values = new List<OrtValue>(names.Count);
        try
        {
            foreach (string name in names)
            {
                var value = ZeroTensor(_session.InputMetadata[name]);
                if (value is null)
                {
                    OnnxRuntimeEventSource.Log.WarmUpFailed(ModelName, $"input '{name}' is not a numeric tensor; no warm-up input can be made");
                    return null;
                }

                values.Add(value);
            }

            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < runs; i++)
            {
                using var outputs = _session.Run(_defaultRunOptions, names, values, _session.OutputNames);
            }

            long elapsed = Stopwatch.GetTimestamp() - start;
            Interlocked.Exchange(ref _warmUpTicks, Math.Max(0, Interlocked.Read(ref _warmUpTicks)) + elapsed);
            return Stopwatch.GetElapsedTime(0, elapsed);
        }
        catch (OnnxRuntimeException ex)
        {
            OnnxRuntimeEventSource.Log.WarmUpFailed(ModelName, ex.Message);
            return null;
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static OrtValue? ZeroTensor(NodeMetadata metadata)
    {
        if (!metadata.IsTensor || metadata.IsString)
        {
            return null;
        }

        long[] shape = metadata.Dimensions.Select(d => d > 0 ? (long)d : 1L).ToArray();
        return metadata.ElementDataType switch
        {
            TensorElementType.Float or TensorElementType.Double or TensorElementType.Int64 or TensorElementType.Int32
                or TensorElementType.Bool or TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Float16
                or TensorElementType.Int16 or TensorElementType.UInt16 or TensorElementType.BFloat16
                => Zeroed(OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, metadata.ElementDataType, shape)),
            _ => null,
        };
    }

    private static OrtValue Zeroed(OrtValue value)
    {
        value.GetTensorMutableRawData().Clear();
        return value;
    }
}
