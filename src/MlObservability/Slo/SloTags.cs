namespace MlObservability.Slo;

/// <summary>Tag keys of the SLO instruments and labels of <c>slo.burn</c> events.</summary>
public static class SloTags
{

    /// <summary>Event kind published for every objective and burn-rate pair on each evaluation.</summary>
    public const string BurnEventKind = "slo.burn";

    /// <summary>Event label holding the objective name.</summary>
    public const string SloLabel = "slo";

    /// <summary>Event label holding the window pair, for example <c>1h-5m</c>.</summary>
    public const string WindowLabel = "window";
}
