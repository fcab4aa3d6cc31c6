using System.Net;

namespace MlObservability.Alerts.Notifiers;

/// <summary>Keeps webhook URLs and routing keys out of logs, diagnostics and <see cref="object.ToString"/>.</summary>
internal static class SecretRedaction
{
    /// <summary>Scheme, host and port only: paths, queries and user info of webhook URLs carry tokens.</summary>
    public static string Url(Uri uri) => uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Host}:{uri.Port}/***" : "***";

    /// <summary>Describes a failure without its message text where that could echo a URL: the type, and the HTTP status.</summary>
    public static string Describe(Exception error) => error switch
    {
        AlertDeliveryException delivery => delivery.Message,
        HttpRequestException { StatusCode: HttpStatusCode status } => $"{nameof(HttpRequestException)} (HTTP {(int)status})",
        HttpRequestException http => $"{nameof(HttpRequestException)} ({http.HttpRequestError})",
        _ => error.GetType().Name,
    };
}
