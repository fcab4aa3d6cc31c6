namespace MlObservability.OnnxRuntime.Gpu;

/// <summary>
/// The part of NVIDIA's management library (NVML) the GPU gauges read. The real one is <see cref="NvmlLibrary"/>; tests
/// use a fake. Queries return NVML's status code: 0 is success.
/// </summary>
internal interface INvmlApi : IDisposable
{
    /// <summary>Loads and initialises the library and enumerates the devices.</summary>
    /// <returns><see langword="null"/> on success, else why NVML cannot be used.</returns>
    string? Initialize();

    int DeviceCount { get; }

    string DeviceName(int device);

    /// <summary>GPU busy time over the last sample period, in percent.</summary>
    int Utilization(int device, out uint gpuPercent);

    int Memory(int device, out ulong usedBytes, out ulong totalBytes);

    int Temperature(int device, out uint celsius);

    int Power(int device, out uint milliwatts);
}
