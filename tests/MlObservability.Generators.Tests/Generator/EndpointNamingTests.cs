namespace MlObservability.Generators.Tests.Generator;

/// <summary>Which endpoint name a method is recorded under: method attribute, then type attribute, then the method name.</summary>
public sealed class EndpointNamingTests
{
    [Test]
    public void A_type_level_endpoint_applies_to_its_methods_unless_a_method_names_its_own()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using MlObservability.Instrumentation;
            [Instrumented("wine", ModelVersion = "3", Endpoint = "predict")]
            public interface IWine
            {
                ValueTask<int> PredictAsync(float[] features, CancellationToken cancellationToken);
                [Instrumented(Endpoint = "warm")]
                void Warmup();
            }
            """;

        var (result, _) = GeneratorHarness.Run(false, source);
        string generated = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(generated, Does.Contain("InstrumentedEndpoint.Get(\"wine\", \"3\", \"predict\")"), "the type's endpoint, so it matches the host's configuration");
            Assert.That(generated, Does.Contain("InstrumentedEndpoint.Get(\"wine\", \"3\", \"warm\")"), "a method attribute wins");
            Assert.That(generated, Does.Not.Contain("\"Predict\""), "the method name is only the fallback");
        });
    }
}
