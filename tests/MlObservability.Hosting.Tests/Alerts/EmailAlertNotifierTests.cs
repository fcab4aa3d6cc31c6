using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Hosting.Alerts;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Tests.Support;

namespace MlObservability.Hosting.Tests.Alerts;

/// <summary>The email notifier against a real SMTP server (aiosmtpd) on loopback: what arrives, encrypted how, from whom.</summary>
public sealed class EmailAlertNotifierTests
{
    private const string User = "ml-alerts";
    private const string Password = "PW-s3cret-Zq81";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static EmailAlertOptions Options(int port, EmailSecurity security = EmailSecurity.None, string? password = Password)
    {
        var options = new EmailAlertOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = security,
            UserName = password is null ? null : User,
            Password = password,
            From = "ML alerts <ml-alerts@example.com>",
            RunbookBaseUrl = new Uri("https://wiki.example.com/ml-runbooks/"),
        };
        options.To.Add("oncall@example.com");
        options.To.Add("Data Science <ds-team@example.com>");
        return options;
    }

    private static Alert Alert(string name, Severity severity, AlertState state, string summary, string runbook, double value) => new()
    {
        Fingerprint = name.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        Severity = severity,
        State = state,
        Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = name,
            ["severity"] = AlertLabels.SeverityValue(severity),
            ["model"] = "fraud",
            ["feature"] = "<amount>",
        },
        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = summary,
            ["description"] = $"value {value} crossed the threshold",
            ["runbook"] = runbook,
        },
        ActiveSince = T0.AddMinutes(-5),
        StartsAt = T0,
        EndsAt = state == AlertState.Resolved ? T0.AddMinutes(10) : null,
        Value = value,
    };

    internal static AlertNotification Group(params Alert[] alerts) => new()
    {
        GroupKey = "{model=\"fraud\"}",
        GroupLabels = new Dictionary<string, string>(StringComparer.Ordinal) { ["model"] = "fraud" },
        CreatedAt = T0,
        Alerts = alerts,
    };

    private static AlertNotification TwoAlerts() => Group(
        Alert("MlHighErrorRate", Severity.Critical, AlertState.Firing, "Error rate above 5 %", "1. Read the error logs. 2. See https://status.example.com/fraud. 3. Roll back.", 0.12),
        Alert("MlDataDrift", Severity.Warning, AlertState.Firing, "Drift on amount", "Compare with the reference profile.", 0.31));

    [Test]
    public async Task Grouped_alerts_arrive_in_one_authenticated_message_with_text_html_and_runbook_links()
    {
        using var server = await SmtpTestServer.StartAsync(User, Password);
        var notifier = new EmailAlertNotifier(Options(server.Port));

        await notifier.SendAsync(TwoAlerts(), CancellationToken.None);
        var received = await server.NextAsync();

        string text = received.Message.TextBody ?? string.Empty;
        string html = received.Message.HtmlBody ?? string.Empty;
        Assert.Multiple(() =>
        {
            Assert.That(received.AuthenticatedAs, Is.EqualTo(User), "the server checked the credentials");
            Assert.That(received.MailFrom, Is.EqualTo("ml-alerts@example.com"));
            Assert.That(received.Recipients, Is.EquivalentTo(new[] { "oncall@example.com", "ds-team@example.com" }));
            Assert.That(received.Message.Subject, Is.EqualTo("[ML alert] FIRING critical model=fraud: MlHighErrorRate, MlDataDrift (2 firing, 0 resolved)"));
            Assert.That(received.Message.To.Mailboxes.Select(m => m.Address), Is.EquivalentTo(new[] { "oncall@example.com", "ds-team@example.com" }));
            Assert.That(received.Message.Headers["X-MlObservability-Group"], Is.EqualTo("{model=\"fraud\"}"));

            Assert.That(text, Does.Contain("[FIRING] MlHighErrorRate (critical)").And.Contain("[FIRING] MlDataDrift (warning)"));
            Assert.That(text, Does.Contain("Summary: Error rate above 5 %").And.Contain("Summary: Drift on amount"));
            Assert.That(text, Does.Contain("Value: 0.12").And.Contain("Firing since: 2026-01-01 12:00:00 UTC"));
            Assert.That(text, Does.Contain("Runbook: 1. Read the error logs."));
            Assert.That(text, Does.Contain("Runbook page: https://wiki.example.com/ml-runbooks/MlHighErrorRate"));

            Assert.That(html, Does.Contain("<a href=\"https://wiki.example.com/ml-runbooks/MlHighErrorRate\">"));
            Assert.That(html, Does.Contain("<a href=\"https://wiki.example.com/ml-runbooks/MlDataDrift\">"));
            Assert.That(html, Does.Contain("<a href=\"https://status.example.com/fraud\">https://status.example.com/fraud</a>. 3. Roll back."), "URLs in the runbook become links");
            Assert.That(html, Does.Contain("feature=&lt;amount&gt;").And.Not.Contain("<amount>"), "label values are HTML-encoded");

            Assert.That(received.Raw, Does.Not.Contain(Password));
            Assert.That(notifier.ToString(), Does.Not.Contain(Password).And.Not.Contain(User));
        });
    }

    [Test]
    public async Task A_resolved_group_is_mailed_as_resolved()
    {
        using var server = await SmtpTestServer.StartAsync();
        var notifier = new EmailAlertNotifier(Options(server.Port, password: null));

        await notifier.SendAsync(Group(Alert("MlHighErrorRate", Severity.Critical, AlertState.Resolved, "Error rate above 5 %", "Roll back.", 0.01)), CancellationToken.None);
        var received = await server.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(received.AuthenticatedAs, Is.Null);
            Assert.That(received.Message.Subject, Is.EqualTo("[ML alert] RESOLVED critical model=fraud: MlHighErrorRate (0 firing, 1 resolved)"));
            Assert.That(received.Message.TextBody, Does.Contain("[RESOLVED] MlHighErrorRate").And.Contain("Resolved at: 2026-01-01 12:10:00 UTC"));
        });
    }

    [Test]
    public async Task Starttls_encrypts_the_session_before_authenticating()
    {
        using var certificate = new TestCertificate();
        using var server = await SmtpTestServer.StartAsync(User, Password, certificate.PemFiles);
        var notifier = new EmailAlertNotifier(Options(server.Port, EmailSecurity.StartTls), serverCertificateValidation: certificate.Validate);

        await notifier.SendAsync(TwoAlerts(), CancellationToken.None);
        var received = await server.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(received.Tls, Is.True);
            Assert.That(received.AuthenticatedAs, Is.EqualTo(User));
            Assert.That(certificate.Presented, Is.True, "the server's certificate was checked");
        });
    }

    [Test]
    public async Task Implicit_tls_encrypts_from_the_first_byte()
    {
        using var certificate = new TestCertificate();
        using var server = await SmtpTestServer.StartAsync(User, Password, certificate.PemFiles, implicitTls: true);
        var notifier = new EmailAlertNotifier(Options(server.Port, EmailSecurity.Tls), serverCertificateValidation: certificate.Validate);

        await notifier.SendAsync(TwoAlerts(), CancellationToken.None);
        var received = await server.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(received.Tls, Is.True);
            Assert.That(received.AuthenticatedAs, Is.EqualTo(User));
        });
    }

    [Test]
    public async Task Starttls_required_against_a_server_without_it_fails_and_sends_nothing_in_plain_text()
    {
        using var server = await SmtpTestServer.StartAsync(User, Password);
        var notifier = new EmailAlertNotifier(Options(server.Port, EmailSecurity.StartTls));

        var error = Assert.ThrowsAsync<AlertDeliveryException>(() => notifier.SendAsync(TwoAlerts(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("does not offer STARTTLS"));
            Assert.That(error.Message, Does.Not.Contain(Password));
            Assert.That(server.Unread, Is.Zero, "no message was sent in plain text");
        });
    }

    [Test]
    public async Task Alerts_below_the_minimum_severity_are_left_out()
    {
        using var server = await SmtpTestServer.StartAsync();
        var options = Options(server.Port, password: null);
        options.MinimumSeverity = Severity.Critical;
        var notifier = new EmailAlertNotifier(options);

        await notifier.SendAsync(Group(Alert("MlDataDrift", Severity.Warning, AlertState.Firing, "Drift on amount", "Compare.", 0.3)), CancellationToken.None);
        await notifier.SendAsync(TwoAlerts(), CancellationToken.None);
        var received = await server.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(received.Message.Subject, Is.EqualTo("[ML alert] FIRING critical model=fraud: MlHighErrorRate (1 firing, 0 resolved)"), "the warning-only group sent nothing; the mixed one only its critical alert");
            Assert.That(received.Message.TextBody, Does.Not.Contain("MlDataDrift"));
            Assert.That(server.Unread, Is.Zero);
        });
    }

    [Test]
    public async Task A_rejected_password_ends_failed_in_the_dispatcher_and_never_reaches_diagnostics()
    {
        using var server = await SmtpTestServer.StartAsync(User, "the-right-one");
        using var diagnostics = new DiagnosticsCapture();
        var notifier = new EmailAlertNotifier(Options(server.Port), name: "email-test");
        await using var dispatcher = new NotificationDispatcher([notifier], new NotificationDeliveryOptions { MaxAttempts = 2, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });

        dispatcher.Enqueue(TwoAlerts());
        await dispatcher.StopAsync(TimeSpan.FromMinutes(2));

        var counts = dispatcher.GetCounts("email-test");
        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.EqualTo(new NotifierCounts(0, 1, 0)));
            Assert.That(diagnostics.Text(), Does.Contain("email-test: the SMTP server rejected the credentials"));
            Assert.That(diagnostics.Text(), Does.Not.Contain(Password));
            Assert.That(server.Unread, Is.Zero);
        });
    }

    [Test]
    public async Task Configured_from_appsettings_the_host_mails_through_the_configured_server()
    {
        using var server = await SmtpTestServer.StartAsync(User, Password);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlMonitoring:Alerts:Email:Host"] = "127.0.0.1",
            ["MlMonitoring:Alerts:Email:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MlMonitoring:Alerts:Email:Security"] = "None",
            ["MlMonitoring:Alerts:Email:UserName"] = User,
            ["MlMonitoring:Alerts:Email:Password"] = Password,
            ["MlMonitoring:Alerts:Email:From"] = "ml-alerts@example.com",
            ["MlMonitoring:Alerts:Email:To:0"] = "oncall@example.com",
            ["MlMonitoring:Alerts:Email:SubjectPrefix"] = "[fraud-service]",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMlMonitoring(config.GetSection("MlMonitoring"));
        using var host = builder.Build();
        await host.StartAsync();

        var email = host.Services.GetRequiredService<ConfiguredAlertNotifiers>().Notifiers.OfType<EmailAlertNotifier>().Single();
        await email.SendAsync(TwoAlerts(), CancellationToken.None);
        var received = await server.NextAsync();
        await host.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(email.Name, Is.EqualTo("email"));
            Assert.That(received.AuthenticatedAs, Is.EqualTo(User));
            Assert.That(received.Recipients, Is.EqualTo(new[] { "oncall@example.com" }));
            Assert.That(received.Message.Subject, Does.StartWith("[fraud-service] FIRING critical"));
        });
    }

    [Test]
    public void Invalid_settings_fail_at_construction_with_what_to_fix()
    {
        var options = new EmailAlertOptions { Host = "", UserName = "u", From = "not an address" };
        var error = Assert.Throws<ArgumentException>(() => _ = new EmailAlertNotifier(options));
        Assert.That(error!.Message, Does.Contain("Email:Host must be").And.Contain("Email:From must be").And.Contain("Email:To is empty").And.Contain("go together"));
    }

    /// <summary>A self-signed certificate for 127.0.0.1 in PEM files for the server, trusted by the notifier through its
    /// validation callback only when it is exactly this certificate.</summary>
    private sealed class TestCertificate : IDisposable
    {
        private readonly X509Certificate2 _certificate;
        private readonly string _directory = Directory.CreateTempSubdirectory("mlobs-cert-").FullName;

        public TestCertificate()
        {
#if !NET10_0_OR_GREATER
            // The net8.0 build runs here on the .NET 10 runtime and carries MailKit's System.Formats.Asn1 10.0.13 (its
            // net8.0 build), which then wins over the runtime's and lacks a method the runtime's certificate builder
            // calls (MissingMethodException). The TLS tests run on the net10.0 build; plain SMTP runs on both.
            Assert.Ignore("Building a test certificate needs the runtime's own System.Formats.Asn1 (runs on net10.0).");
#endif
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            string cert = Path.Combine(_directory, "cert.pem");
            string keyFile = Path.Combine(_directory, "key.pem");
            File.WriteAllText(cert, _certificate.ExportCertificatePem());
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
            PemFiles = (cert, keyFile);
        }

        public (string Cert, string Key) PemFiles { get; }

        public bool Presented { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, System.Net.Security.SslPolicyErrors errors)
        {
            Presented = true;
            return certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString();
        }

        public void Dispose()
        {
            _certificate.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Every event of the MlObservability event source, as text.</summary>
    private sealed class DiagnosticsCapture : EventListener
    {
        private readonly ConcurrentQueue<string> _events = new();

        public string Text() => string.Join("\n", _events);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData) =>
            _events.Enqueue(eventData.EventName + " " + string.Join(" ", (IEnumerable<object?>?)eventData.Payload ?? []));
    }
}
