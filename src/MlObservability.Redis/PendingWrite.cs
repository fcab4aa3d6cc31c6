using MlObservability.Quality;

namespace MlObservability.Redis;

/// <summary>A sampled prediction queued for the background writer, with the model store it came from.</summary>
internal readonly record struct PendingWrite(RedisModelPendingStore Store, PendingPrediction Prediction);
