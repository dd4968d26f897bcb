using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>A model router over the chat simulator (OpenAI shape on loopback) with the given models, for the long-form
/// runs' reasoning calls: the storyboard writer, as the CLI wires it (a client bound to no run, quoted for the given run).</summary>
internal static class ReasonerRouter
{
    public static ModelRouter Build(ProviderSimulator sim, params CatalogModel[] models)
    {
        var catalog = new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "sim", ApiKind = "openai", BaseUrl = new Uri(sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_OPENAI_KEY" }],
            Models = models,
        };
        var settings = new PortfolioSettings { Resilience = new ResilienceSettings { MaxAttempts = 2, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = 30 } };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get), new MapEnvironment(new Dictionary<string, string> { ["SIM_OPENAI_KEY"] = ProviderSimulator.DefaultApiKey }));
    }

    public static StoryboardModel StoryboardWriter(ModelRouter router, RunScope run) => new(router.GetChatClient(ModelTasks.Reason),
        estimate => router.Plan(ModelTasks.Reason, estimate: estimate, run: run).First is { } first ? new ModelCost(first.ModelId, first.EstimatedCost) : null);
}
