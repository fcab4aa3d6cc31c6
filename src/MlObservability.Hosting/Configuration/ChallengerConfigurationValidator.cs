namespace MlObservability.Hosting.Configuration;

/// <summary>Startup checks of a model's <c>Router</c> and <c>Shadow</c> sections: the core options' own rules, with the configuration path.</summary>
internal static class ChallengerConfigurationValidator
{
    public static void Validate(ModelMonitorOptions model, string at, List<string> failures)
    {
        Check(() => model.Router?.Validate(), $"{at}:Router", failures);
        Check(() => model.Shadow?.Validate(), $"{at}:Shadow", failures);
    }

    private static void Check(Action validate, string at, List<string> failures)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            string message = ex.Message;
            int suffix = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            failures.Add($"{at}:{ex.ParamName}: {(suffix >= 0 ? message[..suffix] : message)}");
        }
    }
}
