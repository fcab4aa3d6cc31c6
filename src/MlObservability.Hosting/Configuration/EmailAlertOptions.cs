using System.Globalization;
using MimeKit;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Alert email over SMTP (<c>MlMonitoring:Alerts:Email</c>): one message per notification group, plain text and HTML.
/// The password is a secret: keep it in user secrets or an environment variable
/// (<c>MlMonitoring__Alerts__Email__Password</c>); it is never logged, echoed by validation or shown by <c>ToString()</c>.
/// </summary>
public sealed class EmailAlertOptions
{
    /// <summary>The SMTP server's host name, for example <c>smtp.example.com</c>. Required.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP port; 0 (the default) picks the port of <see cref="Security"/>: 587, 465 or 25.</summary>
    public int Port { get; set; }

    /// <summary>How the connection is protected. Default <see cref="EmailSecurity.StartTls"/>.</summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>The SMTP user name; no authentication when <see langword="null"/>. Set with <see cref="Password"/>.</summary>
    public string? UserName { get; set; }

    /// <summary>The SMTP password (a secret); set with <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, for example <c>ML alerts &lt;ml-alerts@example.com&gt;</c>. Required.</summary>
    public string? From { get; set; }

    /// <summary>The recipients; at least one.</summary>
    public IList<string> To { get; } = new List<string>();

    /// <summary>Put before every subject; default <c>[ML alert]</c>.</summary>
    public string SubjectPrefix { get; set; } = "[ML alert]";

    /// <summary>Alerts below this severity are left out of the email (a group with none left sends nothing). Default
    /// <see cref="Severity.Info"/>: every alert the engine notifies.</summary>
    public Severity MinimumSeverity { get; set; } = Severity.Info;

    /// <summary>Where the team's runbook pages live, for example <c>https://wiki.example.com/ml-runbooks/</c>: each alert
    /// then links to this URL followed by its alert name. None when <see langword="null"/>; the runbook steps are in the
    /// message either way.</summary>
    public Uri? RunbookBaseUrl { get; set; }

    /// <summary>The port used: <see cref="Port"/>, or the default of <see cref="Security"/>.</summary>
    internal int EffectivePort => Port != 0 ? Port : Security switch
    {
        EmailSecurity.Tls => 465,
        EmailSecurity.None => 25,
        _ => 587,
    };

    /// <summary>What is wrong with these settings, each message naming the setting under <paramref name="at"/> and saying
    /// what to fix; never the password.</summary>
    /// <param name="at">The configuration path of these settings, for example <c>MlMonitoring:Alerts:Email</c>.</param>
    /// <returns>The problems; empty when the settings are usable.</returns>
    internal IReadOnlyList<string> Problems(string at)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(Host.Trim()) == UriHostNameType.Unknown)
        {
            problems.Add($"{at}:Host must be the SMTP server's host name (for example smtp.example.com); got '{Host}'.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:Port must be between 1 and 65535, or 0 for the default of Security (587, 465 or 25); got {Port}."));
        }

        if (!Enum.IsDefined(Security))
        {
            problems.Add($"{at}:Security must be StartTls, Tls or None; got {Security}.");
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            problems.Add($"{at}:UserName and {at}:Password go together: set both to authenticate, or neither.");
        }

        if (From is null || !MailboxAddress.TryParse(From, out _))
        {
            problems.Add($"{at}:From must be an email address such as \"ML alerts <ml-alerts@example.com>\"; got '{From}'.");
        }

        if (To.Count == 0)
        {
            problems.Add($"{at}:To is empty: list at least one recipient address.");
        }

        for (int i = 0; i < To.Count; i++)
        {
            if (To[i] is null || !MailboxAddress.TryParse(To[i], out _))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:To:{i} must be an email address; got '{To[i]}'."));
            }
        }

        if (!Enum.IsDefined(MinimumSeverity) || MinimumSeverity == Severity.None)
        {
            problems.Add($"{at}:MinimumSeverity must be Info, Warning or Critical; got {MinimumSeverity}.");
        }

        if (RunbookBaseUrl is not null && (!RunbookBaseUrl.IsAbsoluteUri || (RunbookBaseUrl.Scheme != Uri.UriSchemeHttp && RunbookBaseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"{at}:RunbookBaseUrl must be an absolute http(s) URL; got '{RunbookBaseUrl}'.");
        }

        return problems;
    }
}
