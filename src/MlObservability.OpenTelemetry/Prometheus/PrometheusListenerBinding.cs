using System.Net;
using System.Net.Sockets;
using MlObservability.Hosting.Configuration;

namespace MlObservability.OpenTelemetry.Prometheus;

/// <summary>
/// Turns <see cref="PrometheusEndpointOptions"/> into <see cref="HttpListener"/> prefixes and starts the listener,
/// so that every documented host works and a failure to listen says which setting to change.
/// </summary>
/// <remarks>
/// <see cref="HttpListener"/> matches a request's <c>Host</c> header against the prefix host literally, so a listener on
/// <c>http://127.0.0.1:9464/</c> answers 404 to <c>curl http://localhost:9464/metrics</c>. A loopback host therefore gets
/// both spellings. <c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>::</c> and <c>[::]</c> mean every interface and become the strong
/// wildcard <c>http://+:port/</c>, which <see cref="HttpListener"/> accepts (the OpenTelemetry exporter's own
/// <c>Host</c> option builds a <see cref="Uri"/> from the host and rejects <c>+</c> and <c>*</c>).
/// </remarks>
internal static class PrometheusListenerBinding
{
    /// <summary>The configuration key of the endpoint options, for messages.</summary>
    internal const string Section = "MlMonitoring:Prometheus";

    /// <summary>Whether <paramref name="host"/> asks for every interface.</summary>
    internal static bool IsEveryInterface(string host) => host is "+" or "*" or "0.0.0.0" or "::" or "[::]";

    /// <summary>The prefixes the listener serves for <paramref name="endpoint"/>.</summary>
    internal static IReadOnlyList<string> Prefixes(PrometheusEndpointOptions endpoint)
    {
        string host = endpoint.Host.Trim();
        int port = endpoint.Port;
        if (IsEveryInterface(host))
        {
            return [$"http://+:{port}/"];
        }

        if (host == "127.0.0.1" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [$"http://127.0.0.1:{port}/", $"http://localhost:{port}/"];
        }

        if (!host.StartsWith('[') && IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        return [$"http://{host}:{port}/"];
    }

    /// <summary>
    /// Replaces the listener's prefixes with those of <paramref name="endpoint"/> and starts it; a failure becomes an
    /// <see cref="InvalidOperationException"/> naming the address, the port and the settings to change.
    /// </summary>
    /// <param name="listener">The exporter's listener, not started yet.</param>
    /// <param name="endpoint">The configured endpoint.</param>
    internal static void Bind(HttpListener listener, PrometheusEndpointOptions endpoint)
    {
        listener.Prefixes.Clear();
        foreach (string prefix in Prefixes(endpoint))
        {
            listener.Prefixes.Add(prefix);
        }

        try
        {
            // HttpListener.Start is idempotent: the exporter's own Start() afterwards finds it started.
            listener.Start();
        }
        catch (Exception e) when (e is HttpListenerException or SocketException)
        {
            throw new InvalidOperationException(Describe(endpoint, e), e);
        }
    }

    private static string Describe(PrometheusEndpointOptions endpoint, Exception e)
    {
        string address = $"{endpoint.Host}:{endpoint.Port}";
        bool inUse = e is HttpListenerException { ErrorCode: (int)SocketError.AddressAlreadyInUse or 48 or 98 or 10048 }
            || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
            || e.Message.Contains("in use", StringComparison.OrdinalIgnoreCase);
        if (inUse)
        {
            return $"The Prometheus endpoint cannot listen on {address}: port {endpoint.Port} is already in use by another process "
                + $"or listener. Set {Section}:Port to a free port (or stop what holds {endpoint.Port}). ({e.Message})";
        }

        if (e.Message.Contains("denied", StringComparison.OrdinalIgnoreCase))
        {
            return $"The Prometheus endpoint cannot listen on {address}: permission denied. Ports below 1024 need privileges; "
                + $"set {Section}:Port to 1024 or above. ({e.Message})";
        }

        return $"The Prometheus endpoint cannot listen on {address}. Set {Section}:Host to 127.0.0.1 (loopback, the default), "
            + $"+ (every interface), or an address of this machine, and {Section}:Port to a free port. ({e.Message})";
    }
}
