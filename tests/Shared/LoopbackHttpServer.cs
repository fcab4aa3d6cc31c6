using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlObservability.Tests.Shared;

/// <summary>A real HTTP server on 127.0.0.1 and a free port that records requests and answers as told.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<int, int>? statusForRequest = null)
    {
        StatusForRequest = statusForRequest ?? (_ => 200);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public Func<int, int> StatusForRequest { get; }

    /// <summary>While reset, requests are held open (a slow target).</summary>
    public ManualResetEventSlim Gate { get; } = new(true);

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    public SemaphoreSlim Received { get; } = new(0);

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async Task<(string Method, string Path, string Body)> NextAsync()
    {
        Assert.That(await Received.WaitAsync(TimeSpan.FromSeconds(20)), Is.True, "the server received no request within 20 s");
        Assert.That(Requests.TryDequeue(out var request), Is.True);
        return request;
    }

    public void Dispose()
    {
        Gate.Set();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        Gate.Dispose();
        Received.Dispose();
    }

    private async Task LoopAsync()
    {
        int count = 0;
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
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            int index = Interlocked.Increment(ref count);
            _ = Task.Run(() =>
            {
                try
                {
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    string body = reader.ReadToEnd();
                    Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body));
                    Received.Release();
                    Gate.Wait(TimeSpan.FromSeconds(30));
                    context.Response.StatusCode = StatusForRequest(index);
                    context.Response.Close();
                }
                catch (Exception)
                {
                    // The client gave up (timeout) or the server is closing.
                }
            });
        }
    }
}
