namespace MlObservability.Alerts.Notifiers;

/// <summary>A notifier's target refused a notification. The message names the notifier and the HTTP status, never
/// the URL or key.</summary>
public sealed class AlertDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlertDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message; no secrets.</param>
    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message; no secrets.</param>
    /// <param name="innerException">The cause.</param>
    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
