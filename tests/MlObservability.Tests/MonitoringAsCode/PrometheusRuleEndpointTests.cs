using MlObservability.MonitoringAsCode;
using MlObservability.Slo;

namespace MlObservability.Tests.MonitoringAsCode;

public sealed class PrometheusRuleEndpointTests
{
    [Test]
    public void A_definition_with_an_endpoint_counts_only_that_endpoints_calls()
    {
        var definition = new ModelMonitoringDefinition("wine", [SloObjective.Latency("latency", TimeSpan.FromMilliseconds(50), 0.95), SloObjective.ErrorRate(0.01)])
        {
            Endpoint = "predict",
        };

        string rules = PrometheusRuleGenerator.Generate([definition]);
        var selectors = rules.Split('\n').Where(l => l.Contains("ml_inference_", StringComparison.Ordinal)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(selectors, Is.Not.Empty);
            Assert.That(selectors, Has.All.Contain("ml_model_name=\"wine\",ml_endpoint=\"predict\""),
                "the raw ONNX Runtime run of the same model (another endpoint) is not counted twice");
        });
    }

    [Test]
    public void Without_an_endpoint_every_endpoint_of_the_model_counts()
    {
        string rules = PrometheusRuleGenerator.Generate([new ModelMonitoringDefinition("wine")]);
        Assert.That(rules, Does.Contain("ml_model_name=\"wine\"").And.Not.Contain("ml_endpoint="));
    }

    [Test]
    public void An_endpoint_that_would_break_promql_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ModelMonitoringDefinition("wine") { Endpoint = "pre\"dict" });
        Assert.That(ex!.Message, Does.Contain("cannot be used in generated PromQL"));
    }
}
