using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MlObservability.Tests.Shared;

/// <summary>Finds and runs command-line tools (promtool, amtool, prometheus) and hands out free loopback ports.</summary>
internal static class ExternalTool
{
    /// <summary>
    /// How long a tool may run before the test fails: a guard against a hung tool, not a timing assertion. promtool
    /// evaluating the checked-in rule tests took over 60 s in a Debug run on a 2-core machine at load average 40.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The tool's path; the test is ignored (not passed) when it is not installed.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        if (path is null)
        {
            Assert.Ignore($"{name} is not installed here (Debian package prometheus / prometheus-alertmanager); CI installs it.");
        }

        return path!;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a tool to completion (<see cref="HangGuard"/> at most) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string file, string workingDirectory, params string[] arguments) =>
        Run(HangGuard, file, workingDirectory, arguments);

    /// <summary>Runs a tool to completion (<paramref name="timeout"/> at most) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(TimeSpan timeout, string file, string workingDirectory, params string[] arguments)
    {
        using var process = Start(file, workingDirectory, arguments, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {timeout.TotalSeconds} s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs a tool with <paramref name="stdin"/> as its input (<see cref="HangGuard"/> at most).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string stdin, params string[] arguments)
    {
        using var process = Start(file, Environment.CurrentDirectory, arguments, redirectInput: true);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(HangGuard);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static Process Start(string file, string workingDirectory, string[] arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
