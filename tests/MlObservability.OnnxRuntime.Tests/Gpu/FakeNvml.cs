using MlObservability.OnnxRuntime.Gpu;

namespace MlObservability.OnnxRuntime.Tests.Gpu;

/// <summary>An NVML with scripted devices and readings.</summary>
internal sealed class FakeNvml(params FakeGpu[] devices) : INvmlApi
{
    public string? InitializeFailure { get; init; }

    public bool Disposed { get; private set; }

    public int DeviceCount => devices.Length;

    public string? Initialize() => InitializeFailure;

    public string DeviceName(int device) => devices[device].Name;

    public int Utilization(int device, out uint gpuPercent)
    {
        gpuPercent = devices[device].UtilizationPercent;
        return devices[device].FailingQuery == "utilization" ? 3 : 0;
    }

    public int Memory(int device, out ulong usedBytes, out ulong totalBytes)
    {
        usedBytes = devices[device].MemoryUsed;
        totalBytes = devices[device].MemoryTotal;
        return devices[device].FailingQuery == "memory" ? 3 : 0;
    }

    public int Temperature(int device, out uint celsius)
    {
        celsius = devices[device].Celsius;
        return devices[device].FailingQuery == "temperature" ? 3 : 0;
    }

    public int Power(int device, out uint milliwatts)
    {
        milliwatts = devices[device].Milliwatts;
        return devices[device].FailingQuery == "power" ? 3 : 0; // NVML_ERROR_NOT_SUPPORTED
    }

    public void Dispose() => Disposed = true;
}

internal sealed record FakeGpu(string Name, uint UtilizationPercent, ulong MemoryUsed, ulong MemoryTotal, uint Celsius, uint Milliwatts)
{
    public string? FailingQuery { get; init; }
}
