using System.Collections.Concurrent;
using System.Net;

namespace MlObservability.OpenTelemetry.Tests.Support;

/// <summary>
/// A real OTLP/HTTP endpoint on a free loopback port (an <see cref="HttpListener"/>): accepts <c>POST /v1/metrics</c> and
/// <c>/v1/traces</c> with <c>application/x-protobuf</c> bodies, answers 200 with an empty export response, and keeps each
/// request's path, headers and body for the test to decode.
/// </summary>
internal sealed class OtlpHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpHttpReceiver()
    {
        Port = ExternalTool.FreeLoopbackPort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public BlockingCollection<OtlpRequest> Requests { get; } = [];

    /// <summary>Waits (60 s at most) for a request to <paramref name="path"/> that satisfies <paramref name="accept"/>.</summary>
    public OtlpRequest WaitFor(string path, Func<OtlpRequest, bool> accept)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            foreach (var request in Requests.GetConsumingEnumerable(timeout.Token))
            {
                if (request.Path == path && accept(request))
                {
                    return request;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"no OTLP request to {path} with the expected content within 60 s");
        return null!;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        Requests.Dispose();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            Requests.Add(new OtlpRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}

/// <summary>One request the receiver accepted.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, for example <c>/v1/metrics</c>.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The protobuf payload.</param>
internal sealed record OtlpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
