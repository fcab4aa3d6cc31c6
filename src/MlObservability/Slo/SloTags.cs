namespace MlObservability.Slo;

/// <summary>Tag keys of the SLO instruments and labels of <c>slo.burn</c> events.</summary>
public static class SloTags
{
    /// <summary>Tag key for the objective name.</summary>
    public const string SloName = "ml.slo.name";

    /// <summary>Tag key for a burn-rate window (<c>5m</c>, <c>1h</c>, ...).</summary>
    public const string Window = "ml.slo.window";

    /// <summary>Event kind published for every objective and burn-rate pair on each evaluation.</summary>
    public const string BurnEventKind = "slo.burn";

    /// <summary>Event label holding the objective name.</summary>
    public const string SloLabel = "slo";

    /// <summary>Event label holding the window pair, for example <c>1h-5m</c>.</summary>
    public const string WindowLabel = "window";
}
