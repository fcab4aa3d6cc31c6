namespace MlObservability.Challengers;

/// <summary>A scored pair waiting for its label.</summary>
internal readonly record struct PendingPair(int ChampionClass, int ChallengerClass, long CreatedTimestamp);
