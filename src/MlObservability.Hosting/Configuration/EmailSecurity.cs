namespace MlObservability.Hosting.Configuration;

/// <summary>How the email notifier protects its SMTP connection.</summary>
public enum EmailSecurity
{
    /// <summary>Connect in plain text, then upgrade with <c>STARTTLS</c>; the send fails when the server does not offer
    /// it (no silent fallback to plain text). Port 587 by default. The default.</summary>
    StartTls = 0,

    /// <summary>TLS from the first byte (implicit TLS, "SMTPS"). Port 465 by default.</summary>
    Tls = 1,

    /// <summary>No encryption: only for a relay on the same host or a trusted network. Port 25 by default.</summary>
    None = 2,
}
