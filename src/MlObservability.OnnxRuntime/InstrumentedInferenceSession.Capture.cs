using Microsoft.ML.OnnxRuntime;
using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime;

public sealed partial class InstrumentedInferenceSession
{
    private int BatchSizeOf(OrtValue? input, out ReadOnlySpan<byte> inputBytes)
    {
        inputBytes = default;
        if (input is null)
        {
            return 1;
        }

        try
        {
            return Math.Max(1, _primaryInput.BatchSizeOf(input, out inputBytes));
        }
        catch (OnnxRuntimeException)
        {
            // Not a tensor ONNX Runtime can describe, or not the declared type; the run itself will say what is wrong.
            return 1;
        }
    }

    private void CaptureRows(OrtValue? input, ReadOnlySpan<byte> inputBytes, OrtValue? output, int batchSize)
    {
        if (_features is null && _outputs is null)
        {
            return;
        }

        int first = _sampler.FirstCapturedRow(batchSize);
        if (first >= batchSize)
        {
            return;
        }

        try
        {
            if (_features is not null && input is not null && IsHostMemory(input, isOutput: false))
            {
                _features.Capture(input, inputBytes, batchSize, first, _sampler.Every);
            }

            if (_outputs is not null)
            {
                if (output is null)
                {
                    SkipOutput("the captured output was not among the requested outputs");
                }
                else if (IsHostMemory(output, isOutput: true))
                {
                    _outputs.Capture(output, batchSize, first, _sampler.Every);
                }
            }
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or ArgumentException or InvalidOperationException)
        {
            OnnxRuntimeEventSource.Log.CaptureFailed(ModelName, ex.Message);
        }
    }

    private void CaptureNamed(NamedOnnxValue? input, NamedOnnxValue? output, int batchSize)
    {
        if (_features is null && _outputs is null)
        {
            return;
        }

        int first = _sampler.FirstCapturedRow(batchSize);
        if (first >= batchSize)
        {
            return;
        }

        if (_features is not null && input is not null)
        {
            _features.Capture(input.Value, batchSize, first, _sampler.Every);
        }

        if (_outputs is not null)
        {
            if (output is null)
            {
                SkipOutput("the captured output was not among the requested outputs");
            }
            else
            {
                _outputs.Capture(output.Value, batchSize, first, _sampler.Every);
            }
        }
    }

    /// <summary>With a GPU provider, tensors may live in device memory, which the CPU must not read.</summary>
    private bool IsHostMemory(OrtValue value, bool isOutput)
    {
        if (!_checkDeviceMemory)
        {
            return true;
        }

        using var memory = value.GetTensorMemoryInfo();
        if (memory.GetDeviceType() == OrtMemoryInfoDeviceType.CPU)
        {
            return true;
        }

        const string reason = "the tensor is in device memory";
        if (isOutput)
        {
            SkipOutput(reason);
        }
        else
        {
            _features?.Skip(reason);
        }

        return false;
    }

    private void SkipOutput(string reason)
    {
        Interlocked.Increment(ref _outputSkips);
        if (Interlocked.Exchange(ref _outputSkipReported, 1) == 0)
        {
            OnnxRuntimeEventSource.Log.CaptureSkipped(ModelName, "output", reason);
        }
    }
}
