using Microsoft.Extensions.Hosting;
using MlObservability.Diagnostics;

namespace MlObservability.Redis.Hosting;

/// <summary>On a graceful stop, waits (within the host's shutdown timeout) until the predictions queued so far are written
/// to Redis, so a deploy or a scale-in loses none that a label still needs. What is recorded after this is written when
/// the container disposes the store.</summary>
internal sealed class RedisPendingStoreShutdown(RedisPendingStoreHolder holder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (holder.Created is not { } store)
        {
            return;
        }

        try
        {
            await store.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MlObservabilityEventSource.Log.ComponentWarning(nameof(RedisPendingStore),
                $"host shutdown timeout: {store.QueueLength} sampled predictions were still waiting to be written; the store's disposal writes what it can.");
        }
    }
}
