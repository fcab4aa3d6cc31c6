namespace MlObservability.Challengers;

/// <summary>One shadowed request waiting for the challenger.</summary>
/// <typeparam name="TInput">The model input.</typeparam>
internal readonly record struct ShadowWork<TInput>(string? RequestId, TInput Input, int ChampionClass, double ChampionSeconds);
