using System.Diagnostics;

namespace MlObservability.Alerts.Notifiers;

/// <summary>
/// The notifiers' private HTTP pipeline, kept out of the host's HTTP telemetry because notifier URLs carry secrets (a
/// Slack webhook's path, keys in a query). A <see cref="SocketsHttpHandler"/> with
/// <see cref="SocketsHttpHandler.ActivityHeadersPropagator"/> = <see langword="null"/> leaves out the runtime's
/// diagnostics handler, so no <c>System.Net.Http</c> activity (whose <c>url.full</c> HttpClient instrumentation exports)
/// and no <c>HttpHandlerDiagnosticListener</c> event is raised; calling the handler directly, not through
/// <see cref="HttpClient"/> or <see cref="HttpMessageInvoker"/>, skips the <c>System.Net.Http</c> event source's
/// <c>RequestStart</c> (which carries the path and query). What remains is the <c>System.Net.Http</c> meter, whose tags
/// name only scheme, host and port, and connection events that carry no path.
/// </summary>
internal sealed class UntracedHttpSender : DelegatingHandler
{
    public UntracedHttpSender()
        : base(new SocketsHttpHandler
        {
            ActivityHeadersPropagator = null,
            AllowAutoRedirect = false, // a redirect would be traced with its target URL; webhooks do not redirect
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
    {
    }

    /// <summary>Sends a request straight into the handler, bypassing the invoker-level telemetry.</summary>
    public Task<HttpResponseMessage> SendUntracedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Debug.Assert(request.RequestUri is { IsAbsoluteUri: true }, "the target validated its URL");
        return SendAsync(request, cancellationToken);
    }
}
