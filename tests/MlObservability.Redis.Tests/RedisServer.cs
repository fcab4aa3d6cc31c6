using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MlObservability.Redis.Tests;

/// <summary>A real <c>redis-server</c> on a free loopback port, without persistence; killed and restarted on the same port
/// by the outage tests, stopped on dispose.</summary>
internal sealed class RedisServer : IDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=2000,connectRetry=1";

    public static RedisServer Start()
    {
        var server = new RedisServer(FreePort());
        server.Restart();
        return server;
    }

    /// <summary>Starts the process (again) and waits until it accepts connections.</summary>
    public void Restart()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server); the Redis store tests run against a real one.", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Kills the process (no shutdown, no save): a crashed or unreachable Redis.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
