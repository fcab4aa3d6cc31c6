using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MlObservability.Alerts.Notifiers;

/// <summary>Posts JSON bodies to one URL; the URL is treated as a secret. Without a caller's client, requests go through
/// <see cref="UntracedHttpSender"/>, so the URL never reaches the host's HTTP tracing or the System.Net.Http event source;
/// a client the caller passes is used as given, with whatever instrumentation its pipeline has.</summary>
internal sealed class JsonHttpTarget : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient? _client;
    private readonly UntracedHttpSender? _sender;

    public JsonHttpTarget(Uri url, HttpClient? client)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("A notifier URL must be an absolute http or https URL.", nameof(url));
        }

        Url = url;
        _client = client;
        _sender = client is null ? new UntracedHttpSender() : null;
    }

    public Uri Url { get; }

    public string RedactedUrl => SecretRedaction.Url(Url);

    public async Task PostAsync(string notifierName, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        using var response = _sender is not null
            ? await _sender.SendUntracedAsync(request, cancellationToken).ConfigureAwait(false)
            : await _client!.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AlertDeliveryException($"{notifierName}: HTTP {(int)response.StatusCode} from {RedactedUrl}.");
        }
    }

    public void Dispose() => _sender?.Dispose();
}
