namespace MlObservability.Routing;

/// <summary>What a <see cref="ModelRouter{TModel}"/> did or would have done (tag <c>ml.router.action</c>).</summary>
public enum RouterAction
{
    /// <summary>Switched back to the previous version on an alert for the active one.</summary>
    Rollback,

    /// <summary>Promoted a challenger that was significantly better.</summary>
    Promotion,

    /// <summary>A person switched the version through <see cref="ModelRouter{TModel}.SwitchTo"/> or <see cref="ModelRouter{TModel}.Rollback"/>.</summary>
    ManualSwitch,
}
