using System.Net.Security;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Alerts;

/// <summary>
/// Sends each notification group as one email through an SMTP server (MailKit): STARTTLS, implicit TLS or plain,
/// optional authentication, a plain-text and an HTML part listing every alert of the group with its runbook. Give it to a
/// <see cref="NotificationDispatcher"/> (as <c>AddMlMonitoring</c> does for <c>MlMonitoring:Alerts:Email</c>) for the
/// bounded queue, retries and sent/failed/dropped counts. One SMTP connection per notification: alert mail is rare, and a
/// fresh connection never inherits a half-closed one. Failures are reported as the SMTP status or the kind of failure,
/// never with the password or the server's reply text.
/// </summary>
public sealed class EmailAlertNotifier : IAlertNotifier
{
    private readonly string _host;
    private readonly int _port;
    private readonly EmailSecurity _security;
    private readonly string? _userName;
    private readonly string? _password;
    private readonly Severity _minimumSeverity;
    private readonly EmailAlertMessageSettings _message;
    private readonly RemoteCertificateValidationCallback? _certificateValidation;

    /// <summary>Creates the notifier.</summary>
    /// <param name="options">The SMTP server, credentials, sender and recipients; checked here.</param>
    /// <param name="name">The notifier name for metrics and diagnostics.</param>
    /// <param name="serverCertificateValidation">Decides whether to trust the server's certificate, for a relay whose
    /// certificate comes from a private CA; when <see langword="null"/>, the system's trust store decides.</param>
    /// <exception cref="ArgumentException">The options are incomplete or invalid; the message lists what to fix.</exception>
    public EmailAlertNotifier(EmailAlertOptions options, string name = "email", RemoteCertificateValidationCallback? serverCertificateValidation = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var problems = options.Problems("Email");
        if (problems.Count > 0)
        {
            throw new ArgumentException("EmailAlertOptions: " + string.Join(" ", problems), nameof(options));
        }

        _host = options.Host!.Trim();
        _port = options.EffectivePort;
        _security = options.Security;
        _userName = string.IsNullOrEmpty(options.UserName) ? null : options.UserName;
        _password = options.Password;
        _minimumSeverity = options.MinimumSeverity;
        _certificateValidation = serverCertificateValidation;
        _message = new EmailAlertMessageSettings(
            MailboxAddress.Parse(options.From!),
            options.To.Select(to => MailboxAddress.Parse(to)).ToArray(),
            options.SubjectPrefix ?? string.Empty,
            options.RunbookBaseUrl);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var alerts = notification.Alerts.Where(a => a.Severity >= _minimumSeverity).ToList();
        if (alerts.Count == 0)
        {
            return; // nothing at or above the minimum severity: no email, as PagerDuty pages only what it is meant to
        }

        using var message = EmailAlertMessage.Create(notification, alerts, _message);
        using var client = new SmtpClient();
        if (_certificateValidation is not null)
        {
            client.ServerCertificateValidationCallback = _certificateValidation;
        }

        try
        {
            await client.ConnectAsync(_host, _port, SocketOptions(_security), cancellationToken).ConfigureAwait(false);
            if (_userName is not null)
            {
                await client.AuthenticateAsync(_userName, _password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Describe(ex) is { } failure)
        {
            // The original exception is not attached: its text can quote the server's reply or the user name.
            throw new AlertDeliveryException($"{Name}: {failure} ({_host}:{_port})");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(EmailAlertNotifier)}({Name}, smtp {_host}:{_port} {_security}, {_message.To.Count} recipient(s))";

    internal static SecureSocketOptions SocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>A failure in words that carry no secret, or <see langword="null"/> for cancellation (the dispatcher counts it).</summary>
    private static string? Describe(Exception error) => error switch
    {
        OperationCanceledException => null,
        AuthenticationException => "the SMTP server rejected the credentials",
        SmtpCommandException command => $"the SMTP server refused the message: {(int)command.StatusCode} {command.StatusCode} ({command.ErrorCode})",
        SslHandshakeException => "the TLS handshake failed (is the certificate trusted, and does Security match the port?)",
        NotSupportedException => "the SMTP server does not offer STARTTLS (use Security Tls for port 465, or None only for a trusted relay)",
        SmtpProtocolException => "the SMTP conversation failed (protocol error)",
        SocketException socket => $"cannot connect ({socket.SocketErrorCode})",
        ServiceNotConnectedException or IOException => "the connection was lost",
        _ => error.GetType().Name,
    };
}
