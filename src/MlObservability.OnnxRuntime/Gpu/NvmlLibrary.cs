using System.Runtime.InteropServices;
using System.Text;

namespace MlObservability.OnnxRuntime.Gpu;

/// <summary>
/// NVML through <see cref="NativeLibrary"/> and unmanaged function pointers: <c>libnvidia-ml.so.1</c> on Linux,
/// <c>nvml.dll</c> on Windows (installed with the NVIDIA driver). Nothing is bound until <see cref="Initialize"/>, so a
/// machine without the driver only gets a reason string back.
/// </summary>
internal sealed unsafe class NvmlLibrary : INvmlApi
{
    private const int Success = 0;
    private const int NameBufferSize = 96; // NVML_DEVICE_NAME_V2_BUFFER_SIZE
    private const int GpuTemperatureSensor = 0; // NVML_TEMPERATURE_GPU

    private readonly string[] _candidates;
    private readonly object _gate = new();
    private IntPtr _library;
    private bool _initialized;
    private IntPtr[] _devices = [];
    private delegate* unmanaged<int> _shutdown;
    private delegate* unmanaged<IntPtr, NvmlUtilization*, int> _getUtilization;
    private delegate* unmanaged<IntPtr, NvmlMemory*, int> _getMemory;
    private delegate* unmanaged<IntPtr, int, uint*, int> _getTemperature;
    private delegate* unmanaged<IntPtr, uint*, int> _getPower;
    private delegate* unmanaged<IntPtr, byte*, uint, int> _getName;

    public NvmlLibrary(string[] candidates)
    {
        _candidates = candidates;
    }

    /// <summary>Where the driver installs NVML on this platform.</summary>
    public static string[] DefaultCandidates { get; } = OperatingSystem.IsWindows()
        ? ["nvml.dll", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "NVIDIA Corporation", "NVSMI", "nvml.dll")]
        : ["libnvidia-ml.so.1", "libnvidia-ml.so"];

    public int DeviceCount => _devices.Length;

    public string? Initialize()
    {
        lock (_gate)
        {
            if (_initialized)
            {
                return null;
            }

            _library = IntPtr.Zero;
            foreach (string candidate in _candidates)
            {
                if (NativeLibrary.TryLoad(candidate, out _library))
                {
                    break;
                }
            }

            if (_library == IntPtr.Zero)
            {
                return $"the NVIDIA management library was not found ({string.Join(", ", _candidates)}); no NVIDIA driver on this machine";
            }

            if (!TryBind(out string? missing))
            {
                Release();
                return $"the NVIDIA management library has no export '{missing}'; the driver is too old";
            }

            var init = (delegate* unmanaged<int>)Export("nvmlInit_v2");
            int status = init();
            if (status != Success)
            {
                Release();
                return $"nvmlInit_v2 failed with NVML code {status}";
            }

            _initialized = true;
            var getCount = (delegate* unmanaged<uint*, int>)Export("nvmlDeviceGetCount_v2");
            var getHandle = (delegate* unmanaged<uint, IntPtr*, int>)Export("nvmlDeviceGetHandleByIndex_v2");
            uint count = 0;
            status = getCount(&count);
            if (status != Success || count == 0)
            {
                Release();
                return status != Success ? $"nvmlDeviceGetCount_v2 failed with NVML code {status}" : "NVML reports no GPU device";
            }

            var devices = new List<IntPtr>((int)count);
            for (uint i = 0; i < count; i++)
            {
                IntPtr handle;
                if (getHandle(i, &handle) == Success)
                {
                    devices.Add(handle);
                }
            }

            _devices = [.. devices];
            return null;
        }
    }

    public string DeviceName(int device)
    {
        byte* buffer = stackalloc byte[NameBufferSize];
        if (_getName(_devices[device], buffer, NameBufferSize) != Success)
        {
            return "unknown";
        }

        var bytes = new ReadOnlySpan<byte>(buffer, NameBufferSize);
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    public int Utilization(int device, out uint gpuPercent)
    {
        NvmlUtilization value;
        int status = _getUtilization(_devices[device], &value);
        gpuPercent = value.Gpu;
        return status;
    }

    public int Memory(int device, out ulong usedBytes, out ulong totalBytes)
    {
        NvmlMemory value;
        int status = _getMemory(_devices[device], &value);
        usedBytes = value.Used;
        totalBytes = value.Total;
        return status;
    }

    public int Temperature(int device, out uint celsius)
    {
        uint value;
        int status = _getTemperature(_devices[device], GpuTemperatureSensor, &value);
        celsius = value;
        return status;
    }

    public int Power(int device, out uint milliwatts)
    {
        uint value;
        int status = _getPower(_devices[device], &value);
        milliwatts = value;
        return status;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Release();
        }
    }

    private bool TryBind(out string? missing)
    {
        string[] names =
        [
            "nvmlInit_v2", "nvmlShutdown", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetUtilizationRates",
            "nvmlDeviceGetMemoryInfo", "nvmlDeviceGetTemperature", "nvmlDeviceGetPowerUsage", "nvmlDeviceGetName",
        ];
        foreach (string name in names)
        {
            if (!NativeLibrary.TryGetExport(_library, name, out _))
            {
                missing = name;
                return false;
            }
        }

        _shutdown = (delegate* unmanaged<int>)Export("nvmlShutdown");
        _getUtilization = (delegate* unmanaged<IntPtr, NvmlUtilization*, int>)Export("nvmlDeviceGetUtilizationRates");
        _getMemory = (delegate* unmanaged<IntPtr, NvmlMemory*, int>)Export("nvmlDeviceGetMemoryInfo");
        _getTemperature = (delegate* unmanaged<IntPtr, int, uint*, int>)Export("nvmlDeviceGetTemperature");
        _getPower = (delegate* unmanaged<IntPtr, uint*, int>)Export("nvmlDeviceGetPowerUsage");
        _getName = (delegate* unmanaged<IntPtr, byte*, uint, int>)Export("nvmlDeviceGetName");
        missing = null;
        return true;
    }

    private IntPtr Export(string name) => NativeLibrary.GetExport(_library, name);

    private void Release()
    {
        if (_initialized)
        {
            _shutdown();
            _initialized = false;
        }

        _devices = [];
        if (_library != IntPtr.Zero)
        {
            NativeLibrary.Free(_library);
            _library = IntPtr.Zero;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlUtilization
    {
        public uint Gpu;
        public uint Memory;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }
}
