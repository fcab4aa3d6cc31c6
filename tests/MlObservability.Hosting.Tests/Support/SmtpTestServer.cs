using System.Diagnostics;
using System.Text.Json;
using MimeKit;

namespace MlObservability.Hosting.Tests.Support;

/// <summary>
/// A real SMTP server on a free loopback port: <c>smtp_test_server.py</c> on aiosmtpd (Debian <c>python3-aiosmtpd</c>,
/// which CI installs), started here and stopped on dispose. The test is ignored where python3 or aiosmtpd is missing.
/// </summary>
internal sealed class SmtpTestServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private int _read;

    private SmtpTestServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the server and waits until it listens.</summary>
    /// <param name="user">With <paramref name="password"/>: AUTH is required with these credentials.</param>
    /// <param name="password">The password.</param>
    /// <param name="certificatePem">A certificate and key (PEM files): STARTTLS is offered, or TLS from the first byte
    /// when <paramref name="implicitTls"/>.</param>
    /// <param name="implicitTls">Implicit TLS instead of STARTTLS.</param>
    public static async Task<SmtpTestServer> StartAsync(string? user = null, string? password = null, (string Cert, string Key)? certificatePem = null, bool implicitTls = false)
    {
        // The system interpreter first: Debian's python3-aiosmtpd goes there, while a python3 earlier on PATH (pyenv, a
        // virtual environment) may not have it.
        string? python = new[] { "/usr/bin/python3", ExternalTool.Find("python3") }
            .Where(p => p is not null && File.Exists(p))
            .FirstOrDefault(p => ExternalTool.Run(p!, Environment.CurrentDirectory, "-c", "import aiosmtpd").ExitCode == 0);
        if (python is null)
        {
            Assert.Ignore("python3 with aiosmtpd is not installed here (Debian package python3-aiosmtpd); CI installs it.");
        }

        string directory = Directory.CreateTempSubdirectory("mlobs-smtp-").FullName;
        int port = ExternalTool.FreeLoopbackPort();
        var start = new ProcessStartInfo(python!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "Support", "smtp_test_server.py"));
        foreach (var argument in Arguments(port, directory, user, password, certificatePem, implicitTls))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var server = new SmtpTestServer(process, directory, port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            string error = await process.StandardError.ReadToEndAsync(timeout.Token);
            server.Dispose();
            Assert.Fail($"the SMTP test server did not start: {line} {error}");
        }

        return server;
    }

    /// <summary>Messages received so far and not yet returned by <see cref="NextAsync"/>.</summary>
    public int Unread => Directory.GetFiles(_directory, "*.json").Length - _read;

    /// <summary>Waits (60 s at most) for the next message the server accepted.</summary>
    public async Task<ReceivedEmail> NextAsync()
    {
        string meta = Path.Combine(_directory, $"{_read + 1}.json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!File.Exists(meta))
        {
            Assert.That(_process.HasExited, Is.False, "the SMTP test server stopped");
            await Task.Delay(20, timeout.Token);
        }

        _read++;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(meta));
        var root = json.RootElement;
        string eml = Path.ChangeExtension(meta, ".eml");
        return new ReceivedEmail(
            root.GetProperty("mail_from").GetString()!,
            root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToArray(),
            root.GetProperty("authenticated_as").GetString(),
            root.GetProperty("tls").GetBoolean(),
            await File.ReadAllTextAsync(eml),
            await MimeMessage.LoadAsync(eml));
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static IEnumerable<string> Arguments(int port, string directory, string? user, string? password, (string Cert, string Key)? pem, bool implicitTls)
    {
        yield return "--port";
        yield return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--out";
        yield return directory;
        if (user is not null)
        {
            yield return "--user";
            yield return user;
            yield return "--password";
            yield return password ?? "";
        }

        if (pem is { } files)
        {
            yield return "--cert";
            yield return files.Cert;
            yield return "--key";
            yield return files.Key;
            if (implicitTls)
            {
                yield return "--implicit-tls";
            }
        }
    }
}

/// <summary>One message as the SMTP server received it.</summary>
/// <param name="MailFrom">The envelope sender.</param>
/// <param name="Recipients">The envelope recipients.</param>
/// <param name="AuthenticatedAs">The user the client authenticated as, or null.</param>
/// <param name="Tls">Whether the session was encrypted.</param>
/// <param name="Raw">The message as sent.</param>
/// <param name="Message">The message parsed.</param>
internal sealed record ReceivedEmail(string MailFrom, IReadOnlyList<string> Recipients, string? AuthenticatedAs, bool Tls, string Raw, MimeMessage Message);
