using Cuboid.Portfolio;

namespace Cuboid.Tests.Portfolio;

public class RouteFailureTests
{
    [Fact]
    public void A_provider_wide_open_circuit_is_said_once_after_the_providers_cause()
    {
        var summary = RouteFailure.Summarise(
        [
            new("alpha", "alpha:big", 1, "Connection refused", OpenCircuit: null, OverBudget: false),
            new("alpha", "alpha:small", 0, "Connection refused", OpenCircuit: "alpha", OverBudget: false),
            new("alpha", "alpha:tiny", 0, "Connection refused", OpenCircuit: "alpha", OverBudget: false),
        ]);

        Assert.Equal("alpha: Connection refused (circuit now open) [alpha:big failed after 1 attempt, alpha:small not tried, alpha:tiny not tried]", summary);
    }

    [Fact]
    public void A_models_open_circuit_is_said_beside_that_model_only()
    {
        var summary = RouteFailure.Summarise(
        [
            new("alpha", "alpha:big", 0, "HTTP 502", OpenCircuit: "alpha:big", OverBudget: false),
            new("alpha", "alpha:small", 3, "HTTP 500", OpenCircuit: null, OverBudget: false),
            new("beta", "beta:mid", 0, "HTTP 503", OpenCircuit: "beta:mid", OverBudget: false),
            new("beta", "beta:low", 0, "HTTP 429", OpenCircuit: "beta:low", OverBudget: false),
        ]);

        Assert.Equal(
            "alpha: HTTP 502 [alpha:big not tried (circuit now open), alpha:small failed after 3 attempts (HTTP 500)]; "
            + "beta: HTTP 503 [beta:mid not tried (circuit now open), beta:low not tried (HTTP 429) (circuit now open)]",
            summary);
    }
}
