namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// Writes one line per alert to a <see cref="TextWriter"/> (the console, a file) or hands it to a delegate. The
/// hosting package's ILogger notifier is built the same way; the core package stays free of logging dependencies.
/// </summary>
public sealed class TextWriterAlertNotifier : IAlertNotifier
{
    private readonly Action<Alert, string> _write;

    /// <summary>Writes to <paramref name="writer"/>; writes are serialised.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The notifier name.</param>
    public TextWriterAlertNotifier(TextWriter writer, string name = "text")
    {
        ArgumentNullException.ThrowIfNull(writer);
        var synchronized = TextWriter.Synchronized(writer);
        _write = (_, line) => synchronized.WriteLine(line);
        Name = name;
    }

    /// <summary>Hands each alert and its formatted line to <paramref name="write"/> (for example a logger call).</summary>
    /// <param name="write">Receives the alert and its one-line text.</param>
    /// <param name="name">The notifier name.</param>
    public TextWriterAlertNotifier(Action<Alert, string> write, string name = "text")
    {
        _write = write ?? throw new ArgumentNullException(nameof(write));
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        foreach (var alert in notification.Alerts)
        {
            _write(alert, AlertJson.Line(alert));
        }

        return Task.CompletedTask;
    }
}
