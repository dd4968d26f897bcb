using Cuboid.Portfolio;
using Cuboid.Server.Keys;

namespace Cuboid.Server.Gateway;

/// <summary>
/// Reads a request's <c>model</c>: a task name routes over that task's models (<c>chat</c>, <c>reason</c>,
/// <c>caption</c>; <c>auto</c> is the surface's default task), a catalog id (<c>provider:model</c>) pins the call
/// to that model. Then holds the choice to what the caller's key allows.
/// </summary>
public static class ModelChoices
{
    public static ModelChoice Resolve(GatewayModels models, Caller caller, string? model, string defaultTask, IReadOnlyList<string> tasksOfSurface, RoutePlanFactory plan)
    {
        var choice = Read(models, model, defaultTask, tasksOfSurface);
        if (caller.Key is not { } key)
        {
            return choice;
        }

        if (!key.AllowsTask(choice.Task))
        {
            throw GatewayException.Forbidden($"this key may not use task '{choice.Task}'", "model");
        }

        if (choice.PinnedModel is { } pinned)
        {
            return key.AllowsModel(pinned) ? choice : throw GatewayException.Forbidden($"this key may not use model '{pinned}'", "model");
        }

        if (key.Models is null)
        {
            return choice;
        }

        // A key limited to some models gets the router's best choice among them, pinned (no fallback outside its list).
        var allowed = plan(choice).Candidates.FirstOrDefault(c => key.AllowsModel(c.ModelId))
            ?? throw GatewayException.Forbidden($"none of this key's models ({string.Join(", ", key.Models)}) can serve task '{choice.Task}' here", "model");
        return choice with { PinnedModel = allowed.ModelId };
    }

    private static ModelChoice Read(GatewayModels models, string? model, string defaultTask, IReadOnlyList<string> tasksOfSurface)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw GatewayException.BadRequest("'model' is required: a catalog id (provider:model), a task name, or 'auto'", "model");
        }

        if (model is "auto")
        {
            return new ModelChoice(defaultTask, null);
        }

        if (tasksOfSurface.Contains(model, StringComparer.Ordinal))
        {
            return new ModelChoice(model, null);
        }

        if (ModelId.TryParse(model, out var id) && models.Catalog.FindModel(id.ToString()) is { } found)
        {
            var task = tasksOfSurface.FirstOrDefault(found.Serves)
                ?? throw GatewayException.BadRequest($"model '{found.Id}' does not serve this endpoint (it serves {string.Join(", ", found.Tasks ?? [])})", "model");
            return new ModelChoice(task, found.Id);
        }

        throw GatewayException.NotFound($"the model '{model}' does not exist here; GET /v1/models lists the catalog, or name a task ({string.Join(", ", tasksOfSurface)}) or 'auto'", "model_not_found", "model");
    }
}
