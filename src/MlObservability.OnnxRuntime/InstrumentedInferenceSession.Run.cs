using Microsoft.ML.OnnxRuntime;
using MlObservability.Instrumentation;
using MlObservability.OnnxRuntime.Capture;

namespace MlObservability.OnnxRuntime;

public sealed partial class InstrumentedInferenceSession
{
    /// <summary>Runs the model on <see cref="OrtValue"/> inputs and returns the requested outputs (ONNX Runtime allocates them).</summary>
    /// <param name="runOptions">Run options; a shared default instance when <see langword="null"/>.</param>
    /// <param name="inputNames">Input names, in the order of <paramref name="inputValues"/>.</param>
    /// <param name="inputValues">Input tensors.</param>
    /// <param name="outputNames">Outputs to compute.</param>
    /// <returns>The outputs, in the order of <paramref name="outputNames"/>; dispose them.</returns>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the error is recorded with its error code first.</exception>
    public IDisposableReadOnlyCollection<OrtValue> Run(
        RunOptions? runOptions,
        IReadOnlyCollection<string> inputNames,
        IReadOnlyCollection<OrtValue> inputValues,
        IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputValues);
        ArgumentNullException.ThrowIfNull(outputNames);
        var input = RunArguments.FindValue(inputNames, inputValues, _primaryInputName);
        var call = Start(input, out var inputBytes, out int batchSize);
        IDisposableReadOnlyCollection<OrtValue> results;
        try
        {
            results = _session.Run(runOptions ?? _defaultRunOptions, inputNames, inputValues, outputNames);
        }
        catch (Exception ex) when (_endpoint.Failed(call, ex))
        {
            throw; // not reached: Failed records the error and returns false, so the exception passes untouched
        }

        Completed(call, input, inputBytes, outputNames, results, batchSize);
        return results;
    }

    /// <summary>Runs the model on named <see cref="OrtValue"/> inputs.</summary>
    /// <param name="runOptions">Run options; a shared default instance when <see langword="null"/>.</param>
    /// <param name="inputs">Input tensors by name.</param>
    /// <param name="outputNames">Outputs to compute.</param>
    /// <returns>The outputs, in the order of <paramref name="outputNames"/>; dispose them.</returns>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the error is recorded with its error code first.</exception>
    public IDisposableReadOnlyCollection<OrtValue> Run(
        RunOptions? runOptions, IReadOnlyDictionary<string, OrtValue> inputs, IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        var input = inputs.TryGetValue(_primaryInputName, out var value) ? value : null;
        var call = Start(input, out var inputBytes, out int batchSize);
        IDisposableReadOnlyCollection<OrtValue> results;
        try
        {
            results = _session.Run(runOptions ?? _defaultRunOptions, inputs, outputNames);
        }
        catch (Exception ex) when (_endpoint.Failed(call, ex))
        {
            throw; // not reached: Failed records the error and returns false, so the exception passes untouched
        }

        Completed(call, input, inputBytes, outputNames, results, batchSize);
        return results;
    }

    /// <summary>
    /// Runs the model into pre-allocated outputs: the steady-state path of a server that reuses its buffers, where
    /// neither ONNX Runtime's managed layer nor the instrumentation allocates.
    /// </summary>
    /// <param name="runOptions">Run options; a shared default instance when <see langword="null"/>.</param>
    /// <param name="inputNames">Input names, in the order of <paramref name="inputValues"/>.</param>
    /// <param name="inputValues">Input tensors.</param>
    /// <param name="outputNames">Output names, in the order of <paramref name="outputValues"/>.</param>
    /// <param name="outputValues">Output tensors of the right shapes, written by the run.</param>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the error is recorded with its error code first.</exception>
    public void Run(
        RunOptions? runOptions,
        IReadOnlyCollection<string> inputNames,
        IReadOnlyCollection<OrtValue> inputValues,
        IReadOnlyCollection<string> outputNames,
        IReadOnlyCollection<OrtValue> outputValues)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputValues);
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(outputValues);
        var input = RunArguments.FindValue(inputNames, inputValues, _primaryInputName);
        var call = Start(input, out var inputBytes, out int batchSize);
        try
        {
            _session.Run(runOptions ?? _defaultRunOptions, inputNames, inputValues, outputNames, outputValues);
        }
        catch (Exception ex) when (_endpoint.Failed(call, ex))
        {
            throw; // not reached: Failed records the error and returns false, so the exception passes untouched
        }

        Completed(call, input, inputBytes, outputNames, outputValues, batchSize);
    }

    /// <summary>Runs the model on ONNX Runtime's thread pool into pre-allocated outputs.</summary>
    /// <param name="runOptions">Run options; a shared default instance when <see langword="null"/>.</param>
    /// <param name="inputNames">Input names, in the order of <paramref name="inputValues"/>.</param>
    /// <param name="inputValues">Input tensors; keep them alive until the task completes.</param>
    /// <param name="outputNames">Output names, in the order of <paramref name="outputValues"/>.</param>
    /// <param name="outputValues">Output tensors of the right shapes, written by the run.</param>
    /// <returns>The outputs, once written.</returns>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the error is recorded with its error code first.</exception>
    public async Task<IReadOnlyCollection<OrtValue>> RunAsync(
        RunOptions? runOptions,
        IReadOnlyCollection<string> inputNames,
        IReadOnlyCollection<OrtValue> inputValues,
        IReadOnlyCollection<string> outputNames,
        IReadOnlyCollection<OrtValue> outputValues)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputValues);
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(outputValues);
        var input = RunArguments.FindValue(inputNames, inputValues, _primaryInputName);
        var call = Start(input, out _, out int batchSize);
        IReadOnlyCollection<OrtValue> results;
        try
        {
            results = await _session.RunAsync(runOptions ?? _defaultRunOptions, inputNames, inputValues, outputNames, outputValues)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (_endpoint.Failed(call, ex))
        {
            throw; // not reached: Failed records the error and returns false, so the exception passes untouched
        }

        Completed(call, input, default, outputNames, results, batchSize);
        return results;
    }

    /// <summary>Runs the model on named inputs (<see cref="NamedOnnxValue"/>, the older tensor API).</summary>
    /// <param name="inputs">Named input tensors.</param>
    /// <param name="outputNames">Outputs to compute; all when <see langword="null"/>.</param>
    /// <param name="runOptions">Run options; a shared default instance when <see langword="null"/>.</param>
    /// <returns>The named outputs; dispose them.</returns>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the error is recorded with its error code first.</exception>
    public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(
        IReadOnlyCollection<NamedOnnxValue> inputs, IReadOnlyCollection<string>? outputNames = null, RunOptions? runOptions = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var input = RunArguments.FindNamed(inputs, _primaryInputName);
        int batchSize = RunArguments.NamedValueBatchSize(input);
        var call = _endpoint.Start(batchSize);
        IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results;
        try
        {
            results = _session.Run(inputs, outputNames ?? _session.OutputNames, runOptions ?? _defaultRunOptions);
        }
        catch (Exception ex) when (_endpoint.Failed(call, ex))
        {
            throw; // not reached: Failed records the error and returns false, so the exception passes untouched
        }

        _endpoint.Succeeded(call);
        CaptureNamed(input, _outputs is null ? null : RunArguments.FindNamed(results, _capturedOutputName!), batchSize);
        return results;
    }

    private InstrumentedCall Start(OrtValue? input, out ReadOnlySpan<byte> inputBytes, out int batchSize)
    {
        batchSize = BatchSizeOf(input, out inputBytes);
        return _endpoint.Start(batchSize);
    }

    /// <summary>Records the success, then hands the captured rows of the input and of the requested outputs to the sinks.</summary>
    private void Completed(
        in InstrumentedCall call,
        OrtValue? input,
        ReadOnlySpan<byte> inputBytes,
        IReadOnlyCollection<string> outputNames,
        IReadOnlyCollection<OrtValue> outputs,
        int batchSize)
    {
        _endpoint.Succeeded(call);
        CaptureRows(input, inputBytes, _outputs is null ? null : RunArguments.FindValue(outputNames, outputs, _capturedOutputName!), batchSize);
    }
}
