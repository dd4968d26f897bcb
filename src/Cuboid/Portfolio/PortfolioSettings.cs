using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Portfolio;

/// <summary>
/// The portfolio's configuration: <c>cuboid.json</c> in the working directory, else
/// <c>~/.config/cuboid/config.json</c>, or a file named explicitly. It names providers, custom endpoints,
/// per-task defaults, a budget and the rating half-life. It never holds keys: only the names of the
/// environment variables that do (a property that looks like a key is rejected).
/// </summary>
public sealed record PortfolioSettings
{
    /// <summary>The config file name looked for in the working directory.</summary>
    public const string WorkingDirectoryFileName = "cuboid.json";

    /// <summary>The policy of a task whose config names none, other than captioning and transcription.</summary>
    public const RoutingPolicy DefaultPolicy = RoutingPolicy.Quality;

    /// <summary>
    /// The built-in policy of a task: the one default of the router, <c>models route</c> and <c>analyze</c>.
    /// Captioning and transcription are many small calls where a cheap model that is good enough wins
    /// (balanced); reasoning and everything else is one call where quality wins.
    /// </summary>
    public static RoutingPolicy DefaultPolicyFor(string task) =>
        task is ModelTasks.Caption or ModelTasks.Transcribe ? RoutingPolicy.Balanced : DefaultPolicy;

    /// <summary>Per-provider overrides (base address, key variable, enabled), by provider id.</summary>
    public IReadOnlyDictionary<string, ProviderSettings> Providers { get; init; } = new Dictionary<string, ProviderSettings>();

    /// <summary>Extra OpenAI-compatible (or Anthropic, Ollama) endpoints, each a provider of its own.</summary>
    public IReadOnlyList<CustomEndpointSettings> Endpoints { get; init; } = [];

    /// <summary>Per-task settings (policy, pinned model), by task name.</summary>
    public IReadOnlyDictionary<string, TaskSettings> Tasks { get; init; } = new Dictionary<string, TaskSettings>();

    /// <summary>Dollars a run may spend on model calls; null for no limit.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Half-life of ratings in days: a rating this old counts half.</summary>
    public double HalfLifeDays { get; init; } = 30;

    /// <summary>Which percentile of a task's field stale ratings decay toward (0-100); see <see cref="RatingDecay"/>.</summary>
    public double PriorPercentile { get; init; } = RatingDecay.DefaultPriorPercentile;

    /// <summary>A catalog overlay file; default <c>~/.config/cuboid/catalog.json</c>.</summary>
    public string? Catalog { get; init; }

    /// <summary>Retries, deadlines, circuit breakers and streaming.</summary>
    public ResilienceSettings Resilience { get; init; } = new();

    /// <summary>Where these settings came from, or null for built-in defaults.</summary>
    [JsonIgnore]
    public string? Origin { get; init; }

    /// <see cref="HalfLifeDays"/> as a time span.
    public TimeSpan HalfLife => TimeSpan.FromDays(HalfLifeDays);

    /// <summary>The policy that orders a task's models unless a caller overrides it: <c>tasks.&lt;task&gt;.policy</c>, else <see cref="DefaultPolicyFor"/>.</summary>
    public RoutingPolicy PolicyFor(string task) => Tasks.GetValueOrDefault(task)?.Policy ?? DefaultPolicyFor(task);

    private static readonly JsonSerializerOptions StrictOptions = new(PortfolioJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The user's config directory: <c>$XDG_CONFIG_HOME/cuboid</c>, else <c>$HOME/.config/cuboid</c>.</summary>
    public static string UserConfigDirectory(IEnvironmentVariables environment)
    {
        var xdg = environment.Get("XDG_CONFIG_HOME");
        if (!string.IsNullOrWhiteSpace(xdg))
        {
            return Path.Combine(xdg, "cuboid");
        }

        var home = environment.Get("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".config", "cuboid");
    }

    /// <summary>Finds and reads the config: the explicit file, else cuboid.json here, else the user's config.json, else defaults.</summary>
    public static PortfolioSettings Load(string? explicitPath, string workingDirectory, IEnvironmentVariables environment) =>
        Find(explicitPath, workingDirectory, environment) is { } path ? Read(path) : new PortfolioSettings();

    /// <summary>The config file in force: the explicit file (which must exist), else cuboid.json here, else the user's config.json, else null.</summary>
    public static string? Find(string? explicitPath, string workingDirectory, IEnvironmentVariables environment)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? explicitPath : throw CuboidException.Input(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"config file not found: {explicitPath}");
        }

        var local = Path.Combine(workingDirectory, WorkingDirectoryFileName);
        if (File.Exists(local))
        {
            return local;
        }

        var user = Path.Combine(UserConfigDirectory(environment), "config.json");
        return File.Exists(user) ? user : null;
    }

    /// <summary>Reads a config file strictly (comments and trailing commas allowed, unknown settings rejected); a bad file is a usage error naming it.</summary>
    public static PortfolioSettings Read(string path)
    {
        PortfolioSettings? settings;
        try
        {
            using var stream = File.OpenRead(path);
            settings = JsonSerializer.Deserialize<PortfolioSettings>(stream, StrictOptions);
        }
        catch (JsonException ex)
        {
            // Named by its path and position, never by its value, so a pasted key cannot leak.
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{Display(path)}: {ConfigJsonError.Describe(ex)}");
        }

        if (settings is null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{Display(path)}: the file holds no settings (write {{ }} for the defaults)");
        }

        settings = settings with { Origin = path };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws a usage error naming the first invalid setting.</summary>
    public void Validate() => Validate(Origin is null ? "config" : Display(Origin));

    /// <param name="where">How messages name these settings, e.g. the file they came from.</param>
    internal void Validate(string where)
    {
        if (Budget is < 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: budget must be zero or more dollars");
        }

        if (HalfLifeDays <= 0 || double.IsNaN(HalfLifeDays))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: halfLifeDays must be positive");
        }

        if (PriorPercentile is < 0 or > 100 || double.IsNaN(PriorPercentile))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: priorPercentile must be between 0 and 100");
        }

        foreach (var endpoint in Endpoints)
        {
            if (string.IsNullOrWhiteSpace(endpoint.Name) || endpoint.Name.Contains(':', StringComparison.Ordinal))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: every endpoint needs a 'name' without a colon");
            }

            if (!Uri.TryCreate(endpoint.BaseUrl, UriKind.Absolute, out _))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: endpoint '{endpoint.Name}' has no valid absolute 'baseUrl'");
            }
        }

        foreach (var (id, provider) in Providers)
        {
            if (provider.BaseUrl is not null && !Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out _))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: provider '{id}' has an invalid 'baseUrl'");
            }
        }

        foreach (var (task, settings) in Tasks)
        {
            if (settings.Model is not null && !ModelId.TryParse(settings.Model, out _))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: tasks.{task}.model '{settings.Model}' is not provider:model");
            }
        }

        Resilience.Validate(where);
    }

    /// <summary>
    /// Checks the names the config uses against the catalog, so a typo fails loudly instead of being ignored:
    /// task names, providers named in <c>providers</c> and <c>tasks.*.model</c>, and endpoints that would shadow a built-in provider.
    /// </summary>
    public void ValidateAgainst(ModelCatalog catalog)
    {
        var where = Origin is null ? "config" : Display(Origin);
        foreach (var endpoint in Endpoints)
        {
            if (catalog.FindProvider(endpoint.Name) is not null)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: endpoint '{endpoint.Name}' has the name of a built-in provider; rename it, or set providers.{endpoint.Name}.baseUrl to move the built-in one");
            }
        }

        var providers = catalog.Providers.Select(p => p.Id).Concat(Endpoints.Select(e => e.Name)).ToHashSet(StringComparer.Ordinal);
        var providerList = string.Join(", ", providers.Order(StringComparer.Ordinal));
        foreach (var id in Providers.Keys.Where(id => !providers.Contains(id)))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: providers.{id} is not a known provider; known: {providerList}");
        }

        var tasks = catalog.Models.SelectMany(m => m.Tasks ?? []).ToHashSet(StringComparer.Ordinal);
        var taskList = string.Join(", ", tasks.Order(StringComparer.Ordinal));
        foreach (var (task, settings) in Tasks)
        {
            if (!tasks.Contains(task))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: tasks.{task} is not a task any catalog model serves; tasks: {taskList}");
            }

            if (settings.Model is not null && ModelId.TryParse(settings.Model, out var model) && !providers.Contains(model.Provider))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, $"{where}: tasks.{task}.model '{settings.Model}' names an unknown provider '{model.Provider}'; known: {providerList}");
            }
        }
    }

    /// <summary>A config path as the user would write it: relative to the current directory when under it.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
