using MlObservability.OnnxRuntime.ExecutionProviders;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using MlObservability.Diagnostics;
using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime;

public sealed partial class InstrumentedInferenceSession
{
    /// <summary>
    /// Loads a model, selects the execution provider (falling back to CPU), measures creation time and makes the
    /// configured warm-up runs: the one call that gives a fully instrumented session.
    /// </summary>
    /// <param name="modelPath">Path of the .onnx file.</param>
    /// <param name="options">Names, capture and metric settings; defaults when <see langword="null"/>.</param>
    /// <param name="provider">The execution provider wanted; CPU when <see langword="null"/>.</param>
    /// <param name="configureSession">Further session settings (threads, optimisation level), applied before providers are added.</param>
    /// <returns>The instrumented session; dispose it to release the session and unregister its instruments.</returns>
    /// <exception cref="InvalidOperationException">ONNX Runtime's native library could not be loaded; the message names
    /// the package to add.</exception>
    public static InstrumentedInferenceSession Create(
        string modelPath,
        InstrumentedSessionOptions? options = null,
        ExecutionProviderRequest? provider = null,
        Action<SessionOptions>? configureSession = null)
    {
        Guard.NotNullOrWhiteSpace(modelPath);
        return Create(
            o => new InferenceSession(modelPath, o),
            Path.GetFileNameWithoutExtension(modelPath),
            options,
            provider,
            configureSession);
    }

    /// <summary>Creates an instrumented session from a model held in memory; see <see cref="Create(string, InstrumentedSessionOptions?, ExecutionProviderRequest?, Action{SessionOptions}?)"/>.</summary>
    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="options">Names, capture and metric settings; defaults when <see langword="null"/>.</param>
    /// <param name="provider">The execution provider wanted; CPU when <see langword="null"/>.</param>
    /// <param name="configureSession">Further session settings, applied before providers are added.</param>
    /// <returns>The instrumented session.</returns>
    public static InstrumentedInferenceSession Create(
        byte[] model,
        InstrumentedSessionOptions? options = null,
        ExecutionProviderRequest? provider = null,
        Action<SessionOptions>? configureSession = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(o => new InferenceSession(model, o), null, options, provider, configureSession);
    }

    /// <summary>Creates the session; a missing native library becomes an error naming the package to add.</summary>
    internal static InstrumentedInferenceSession Create(
        Func<SessionOptions, InferenceSession> load,
        string? fileName,
        InstrumentedSessionOptions? options,
        ExecutionProviderRequest? provider,
        Action<SessionOptions>? configureSession)
    {
        try
        {
            return CreateCore(load, fileName, options, provider, configureSession);
        }
        catch (Exception ex) when (NativeRuntimeMissing.Matches(ex))
        {
            throw NativeRuntimeMissing.Explain(ex);
        }
    }

    private static InstrumentedInferenceSession CreateCore(
        Func<SessionOptions, InferenceSession> load,
        string? fileName,
        InstrumentedSessionOptions? options,
        ExecutionProviderRequest? provider,
        Action<SessionOptions>? configureSession)
    {
        options ??= new InstrumentedSessionOptions();
        Validate(options);
        var selection = ExecutionProviderSelector.Select(provider ?? ExecutionProviderRequest.Cpu, configureSession);
        InferenceSession session;
        long start = Stopwatch.GetTimestamp();
        try
        {
            session = load(selection.SessionOptions);
        }
        catch (OnnxRuntimeException ex) when (selection.ActiveProvider != ExecutionProviderSelector.CpuProviderName)
        {
            // The GPU provider was added but the session could not start on it (driver, memory, device id): run on CPU.
            OnnxRuntimeEventSource.Log.ProviderFallback(selection.ActiveProvider, ex.Message, ExecutionProviderSelector.CpuProviderName);
            selection.Dispose();
            selection = ExecutionProviderSelector.Select(ExecutionProviderRequest.Cpu, configureSession);
            start = Stopwatch.GetTimestamp();
            session = load(selection.SessionOptions);
        }
        catch
        {
            selection.Dispose();
            throw;
        }

        var creationTime = Stopwatch.GetElapsedTime(start);
        InstrumentedInferenceSession? instrumented = null;
        try
        {
            instrumented = new InstrumentedInferenceSession(session, options, selection.ActiveProvider, selection, creationTime, true, fileName);
            if (options.WarmUpRuns > 0)
            {
                instrumented.WarmUp(options.WarmUpRuns);
            }

            return instrumented;
        }
        catch
        {
            if (instrumented is not null)
            {
                instrumented.Dispose();
            }
            else
            {
                session.Dispose();
                selection.Dispose();
            }

            throw;
        }
    }

    private static void Validate(InstrumentedSessionOptions options)
    {
        Guard.InRange(options.CaptureEveryNthRow, 1, int.MaxValue, nameof(options.CaptureEveryNthRow));
        Guard.InRange(options.WarmUpRuns, 0, 10_000, nameof(options.WarmUpRuns));
        Guard.InRange(options.MaxMetadataTags, 0, 256, nameof(options.MaxMetadataTags));
        if (options.ModelName is not null)
        {
            Guard.NotNullOrWhiteSpace(options.ModelName, nameof(options.ModelName));
        }
    }

    private static string GuessProvider()
    {
        var available = OrtEnv.Instance().GetAvailableProviders();
        return available.Length == 1 && available[0] == ExecutionProviderSelector.CpuProviderName
            ? ExecutionProviderSelector.CpuProviderName
            : "unknown";
    }
}
