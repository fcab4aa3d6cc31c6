using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MlObservability.Alerts.Notifiers;

/// <summary>Posts JSON bodies to one URL; the URL is treated as a secret.</summary>
internal sealed class JsonHttpTarget : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    public JsonHttpTarget(Uri url, HttpClient? client)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("A notifier URL must be an absolute http or https URL.", nameof(url));
        }

        Url = url;
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
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
        using var response = await _client.PostAsync(Url, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AlertDeliveryException($"{notifierName}: HTTP {(int)response.StatusCode} from {RedactedUrl}.");
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
