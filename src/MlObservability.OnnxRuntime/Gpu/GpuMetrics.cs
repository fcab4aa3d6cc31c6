using System.Diagnostics.Metrics;
using System.Globalization;
using MlObservability.OnnxRuntime.Diagnostics;

namespace MlObservability.OnnxRuntime.Gpu;

/// <summary>
/// Publishes per-GPU gauges read from NVIDIA's management library (NVML): <c>ml.gpu.utilization</c> (ratio),
/// <c>ml.gpu.memory.used</c> and <c>ml.gpu.memory.total</c> (bytes), <c>ml.gpu.temperature</c> (°C) and
/// <c>ml.gpu.power</c> (W), tagged <c>ml.gpu.device</c> (index) and <c>ml.gpu.name</c>, on the
/// <c>MlObservability.OnnxRuntime</c> meter. Values are read when the meter is collected, not on a timer.
/// </summary>
/// <remarks>
/// Where there is no NVIDIA driver or no GPU, <see cref="Start"/> returns an instance with <see cref="IsAvailable"/>
/// false: nothing is published, one message goes to the <c>MlObservability-OnnxRuntime</c> event source, nothing throws.
/// A query that fails on one device skips that measurement only.
/// </remarks>
public sealed class GpuMetrics : IDisposable
{
    private readonly INvmlApi _api;
    private readonly object _gate = new();
    private readonly KeyValuePair<string, object?>[][] _deviceTags = [];
    private int _reportedFailures;
    private bool _disposed;

    internal GpuMetrics(INvmlApi api)
    {
        _api = api;
        string? failure = api.Initialize();
        if (failure is not null)
        {
            UnavailableReason = failure;
            DeviceNames = [];
            OnnxRuntimeEventSource.Log.NvmlUnavailable(failure);
            api.Dispose();
            return;
        }

        var names = new string[api.DeviceCount];
        _deviceTags = new KeyValuePair<string, object?>[names.Length][];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = api.DeviceName(i);
            _deviceTags[i] =
            [
                new(SemanticConventions.GpuDevice, i.ToString(CultureInfo.InvariantCulture)),
                new(SemanticConventions.GpuName, names[i]),
            ];
        }

        DeviceNames = names;
        IsAvailable = true;
        GpuInstruments.Live.Add(this);
    }

    /// <summary>Whether NVML was found and reports at least one GPU; when false, nothing is published.</summary>
    public bool IsAvailable { get; }

    /// <summary>Why the GPU gauges are not published; <see langword="null"/> when they are.</summary>
    public string? UnavailableReason { get; }

    /// <summary>The product names of the GPUs, by NVML index.</summary>
    public IReadOnlyList<string> DeviceNames { get; }

    /// <summary>
    /// Loads NVML (<c>libnvidia-ml.so.1</c> / <c>nvml.dll</c>) and starts publishing the GPU gauges. Never throws for a
    /// missing library or device; check <see cref="IsAvailable"/>. Dispose to stop and release NVML.
    /// </summary>
    /// <returns>The GPU metrics of this machine.</returns>
    public static GpuMetrics Start() => new(new NvmlLibrary(NvmlLibrary.DefaultCandidates));

    /// <summary>Stops publishing and shuts NVML down.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (IsAvailable)
            {
                GpuInstruments.Live.Remove(this);
                _api.Dispose();
            }
        }
    }

    internal void ObserveUtilization(List<Measurement<double>> into) =>
        Read(into, 0, "nvmlDeviceGetUtilizationRates", (int d, out double v) =>
        {
            int status = _api.Utilization(d, out uint percent);
            v = percent / 100.0;
            return status;
        });

    internal void ObserveMemory(List<Measurement<double>> into, bool used) =>
        Read(into, 1, "nvmlDeviceGetMemoryInfo", (int d, out double v) =>
        {
            int status = _api.Memory(d, out ulong usedBytes, out ulong totalBytes);
            v = used ? usedBytes : totalBytes;
            return status;
        });

    internal void ObserveTemperature(List<Measurement<double>> into) =>
        Read(into, 2, "nvmlDeviceGetTemperature", (int d, out double v) =>
        {
            int status = _api.Temperature(d, out uint celsius);
            v = celsius;
            return status;
        });

    internal void ObservePower(List<Measurement<double>> into) =>
        Read(into, 3, "nvmlDeviceGetPowerUsage", (int d, out double v) =>
        {
            int status = _api.Power(d, out uint milliwatts);
            v = milliwatts / 1000.0;
            return status;
        });

    private void Read(List<Measurement<double>> into, int query, string queryName, DeviceQuery read)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            for (int device = 0; device < _deviceTags.Length; device++)
            {
                int status = read(device, out double value);
                if (status == 0)
                {
                    into.Add(new Measurement<double>(value, _deviceTags[device]));
                }
                else if ((_reportedFailures & (1 << query)) == 0)
                {
                    // Reported once per query kind: some GPUs do not support power or temperature readings at all.
                    _reportedFailures |= 1 << query;
                    OnnxRuntimeEventSource.Log.NvmlQueryFailed(queryName, device, status);
                }
            }
        }
    }

    private delegate int DeviceQuery(int device, out double value);
}
