using MimeKit;

namespace MlObservability.Hosting.Alerts;

/// <summary>The parsed, validated parts of <see cref="Configuration.EmailAlertOptions"/> that shape a message.</summary>
/// <param name="From">The sender.</param>
/// <param name="To">The recipients.</param>
/// <param name="SubjectPrefix">Put before every subject.</param>
/// <param name="RunbookBaseUrl">The team's runbook pages, or <see langword="null"/>.</param>
internal sealed record EmailAlertMessageSettings(MailboxAddress From, IReadOnlyList<MailboxAddress> To, string SubjectPrefix, Uri? RunbookBaseUrl);
