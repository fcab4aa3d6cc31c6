using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MlObservability.Alerts;

namespace MlObservability.Hosting.Alerts;

/// <summary>
/// Renders one notification group as an email: a subject that names the status, the alerts and the group, and a
/// plain-text and an HTML part with, per alert, its state, severity, summary, description, labels, value, start time and
/// runbook (URLs in the runbook, and the team's runbook page when configured, as links).
/// </summary>
internal static partial class EmailAlertMessage
{
    private const int SubjectAlertNames = 3;

    public static MimeMessage Create(AlertNotification notification, IReadOnlyList<Alert> alerts, EmailAlertMessageSettings settings)
    {
        var message = new MimeMessage { Subject = Subject(notification, alerts, settings.SubjectPrefix) };
        message.From.Add(settings.From);
        message.To.AddRange(settings.To);
        message.Date = notification.CreatedAt == default ? TimeProvider.System.GetUtcNow() : notification.CreatedAt;
        message.Headers.Add("X-MlObservability-Group", notification.GroupKey);
        var body = new BodyBuilder
        {
            TextBody = Text(notification, alerts, settings.RunbookBaseUrl),
            HtmlBody = Html(notification, alerts, settings.RunbookBaseUrl),
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>For example <c>[ML alert] FIRING critical model=fraud: MlHighErrorRate, MlDriftCritical (2 firing, 0 resolved)</c>.</summary>
    internal static string Subject(AlertNotification notification, IReadOnlyList<Alert> alerts, string prefix)
    {
        int firing = alerts.Count(a => a.State == AlertState.Firing);
        var names = alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).ToList();
        string shown = string.Join(", ", names.Take(SubjectAlertNames)) + (names.Count > SubjectAlertNames ? $" +{names.Count - SubjectAlertNames} more" : string.Empty);
        string severity = AlertLabels.SeverityValue(alerts.Max(a => a.Severity));
        string subject = string.Create(
            CultureInfo.InvariantCulture,
            $"{(firing > 0 ? "FIRING" : "RESOLVED")} {severity} {Group(notification)}: {shown} ({firing} firing, {alerts.Count - firing} resolved)");
        return string.IsNullOrEmpty(prefix) ? subject : prefix + " " + subject;
    }

    private static string Group(AlertNotification notification) =>
        string.Join(" ", notification.GroupLabels.Where(l => l.Key != AlertLabels.Severity).Select(l => $"{l.Key}={l.Value}"));

    private static string Text(AlertNotification notification, IReadOnlyList<Alert> alerts, Uri? runbookBase)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{alerts.Count(a => a.State == AlertState.Firing)} firing, {alerts.Count(a => a.State != AlertState.Firing)} resolved ({notification.GroupKey})").Append('\n');
        foreach (var alert in alerts)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"[{StateText(alert)}] {alert.Name} ({AlertLabels.SeverityValue(alert.Severity)})").Append('\n');
            foreach (var (name, value) in Fields(alert))
            {
                text.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
            }

            if (RunbookPage(alert, runbookBase) is { } page)
            {
                text.Append("  Runbook page: ").Append(page).Append('\n');
            }
        }

        text.Append("\n-- \nSent by MlObservability. Alerts of one group arrive in one message; a resolved alert is sent once more with state RESOLVED.\n");
        return text.ToString();
    }

    private static string Html(AlertNotification notification, IReadOnlyList<Alert> alerts, Uri? runbookBase)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{alerts.Count(a => a.State == AlertState.Firing)} firing, {alerts.Count(a => a.State != AlertState.Firing)} resolved (<code>{Encode(notification.GroupKey)}</code>)</p>");
        foreach (var alert in alerts)
        {
            string colour = alert.State == AlertState.Resolved ? "#2e7d32" : alert.Severity switch
            {
                Severity.Critical => "#c62828",
                Severity.Warning => "#ef6c00",
                _ => "#1565c0",
            };
            html.Append(CultureInfo.InvariantCulture, $"<h3 style=\"color:{colour}\">[{StateText(alert)}] {Encode(alert.Name)} ({AlertLabels.SeverityValue(alert.Severity)})</h3>");
            html.Append("<table cellpadding=\"3\">");
            foreach (var (name, value) in Fields(alert))
            {
                string cell = name == "Runbook" ? Linked(value) : Encode(value);
                html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(name)).Append("</th><td>").Append(cell).Append("</td></tr>");
            }

            if (RunbookPage(alert, runbookBase) is { } page)
            {
                html.Append("<tr><th align=\"left\">Runbook page</th><td>").Append(Link(page)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p style=\"color:#777\">Sent by MlObservability.</p></body></html>");
        return html.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Fields(Alert alert)
    {
        if (alert.Annotations.TryGetValue(AlertLabels.Summary, out var summary) && summary.Length > 0)
        {
            yield return ("Summary", summary);
        }

        if (alert.Annotations.TryGetValue(AlertLabels.Description, out var description) && description.Length > 0)
        {
            yield return ("Description", description);
        }

        yield return ("Labels", string.Join(", ", alert.Labels.Where(l => l.Key != AlertLabels.AlertName).Select(l => $"{l.Key}={l.Value}")));
        if (!double.IsNaN(alert.Value))
        {
            yield return ("Value", alert.Value.ToString("G6", CultureInfo.InvariantCulture));
        }

        if (alert.StartsAt is { } starts)
        {
            yield return ("Firing since", starts.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        }

        if (alert.EndsAt is { } ends)
        {
            yield return ("Resolved at", ends.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        }

        if (alert.Annotations.TryGetValue(AlertLabels.Runbook, out var runbook) && runbook.Length > 0)
        {
            yield return ("Runbook", runbook);
        }
    }

    private static string StateText(Alert alert) => alert.State == AlertState.Resolved ? "RESOLVED" : "FIRING";

    private static Uri? RunbookPage(Alert alert, Uri? runbookBase) =>
        runbookBase is null ? null : new Uri(runbookBase, Uri.EscapeDataString(alert.Name));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Link(Uri url) => $"<a href=\"{Encode(url.AbsoluteUri)}\">{Encode(url.AbsoluteUri)}</a>";

    /// <summary>The text, HTML-encoded, with every absolute http(s) URL in it made a link.</summary>
    private static string Linked(string text)
    {
        var html = new StringBuilder();
        int at = 0;
        foreach (Match match in UrlPattern().Matches(text))
        {
            html.Append(Encode(text[at..match.Index]));
            html.Append(Uri.TryCreate(match.Value, UriKind.Absolute, out var url) ? Link(url) : Encode(match.Value));
            at = match.Index + match.Length;
        }

        return html.Append(Encode(text[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:)]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UrlPattern();
}
