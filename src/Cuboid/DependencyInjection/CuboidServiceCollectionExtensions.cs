using Cuboid;
using Cuboid.DependencyInjection;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Storage;
using Cuboid.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Cuboid in a container: the one wiring of the CLI, the server and any host. Options bind from the
/// <see cref="SectionName"/> section and are validated at start; provider keys are read from the configuration's
/// top-level keys (the environment variables, with <see cref="CuboidConfigurationBuilderExtensions.AddCuboidConfiguration"/>).
/// </summary>
public static class CuboidServiceCollectionExtensions
{
    /// <summary>The configuration section of Cuboid's settings (the same settings as <c>cuboid.json</c>).</summary>
    public const string SectionName = "Cuboid";

    /// <summary>The tasks registered as keyed <see cref="IChatClient"/>s (the key is the task name).</summary>
    public static IReadOnlyList<string> ChatTasks { get; } = [ModelTasks.Caption, ModelTasks.Reason, ModelTasks.Chat, ModelTasks.VideoUnderstanding];

    /// <summary>
    /// Registers, from <paramref name="configuration"/>: <see cref="PortfolioSettings"/> and <see cref="CuboidStorageOptions"/>
    /// (validated at start), the process-wide <see cref="ModelRouter"/>, one <see cref="IChatClient"/> per task keyed by
    /// task name (<see cref="ChatTasks"/>), the <see cref="ISpeechToTextClient"/> (also keyed <c>transcribe</c>), the
    /// <see cref="VideoAnalyzer"/>, the <see cref="AnalysisCache"/> (also as <see cref="IAnalysisCache"/>) and the <see cref="SqliteVideoJobStore"/>. Clients book
    /// each call to the current <see cref="RunScope"/> (<see cref="RunScope.MakeCurrent"/>), else to the router's default run.
    /// </summary>
    public static IServiceCollection AddCuboid(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddCuboid(_ => configuration);
    }

    /// <summary>
    /// As <see cref="AddCuboid(IServiceCollection, IConfiguration)"/>, then <paramref name="configure"/> adjusts the
    /// registration, e.g. <c>cuboid => cuboid.ConfigureChatClient(b => b.UseDistributedCache(cache))</c> (<see cref="CuboidBuilder"/>).
    /// </summary>
    public static IServiceCollection AddCuboid(this IServiceCollection services, IConfiguration configuration, Action<CuboidBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddCuboid(configuration);
        configure(new CuboidBuilder(services));
        return services;
    }

    /// <summary>As <see cref="AddCuboid(IServiceCollection, IConfiguration)"/>, reading the container's own <see cref="IConfiguration"/> when first needed.</summary>
    public static IServiceCollection AddCuboid(this IServiceCollection services) =>
        services.AddCuboid(static provider => provider.GetRequiredService<IConfiguration>());

    /// <summary>As <see cref="AddCuboid(IServiceCollection)"/>, then <paramref name="configure"/> adjusts the registration (<see cref="CuboidBuilder"/>).</summary>
    public static IServiceCollection AddCuboid(this IServiceCollection services, Action<CuboidBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddCuboid();
        configure(new CuboidBuilder(services));
        return services;
    }

    /// <summary>
    /// The registration itself, over the configuration <paramref name="configurationOf"/> gives when first needed (called
    /// more than once: return the same instance). The server passes its own configuration over the library config file.
    /// </summary>
    internal static IServiceCollection AddCuboid(this IServiceCollection services, Func<IServiceProvider, IConfiguration> configurationOf)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PortfolioSettings>()
            .Configure<IServiceProvider>((settings, provider) => configurationOf(provider).GetSection(SectionName).Bind(settings))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortfolioSettings>, PortfolioSettingsValidator>());
        services.AddOptions<CuboidClientMiddleware>();
        services.AddOptions<CuboidStorageOptions>()
            .Configure<IServiceProvider>((storage, provider) => configurationOf(provider).GetSection(ConfigurationPath.Combine(SectionName, "Storage")).Bind(storage));

        services.TryAddSingleton<IEnvironmentVariables>(provider => new ConfigurationEnvironment(configurationOf(provider)));
        services.TryAddSingleton(provider =>
        {
            PortfolioSettings settings;
            try
            {
                settings = provider.GetRequiredService<IOptions<PortfolioSettings>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                // Resolved lazily (after start, or in a host that does not validate on start): the user's mistake, in one line.
                throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Config, string.Join("; ", ex.Failures));
            }

            var environment = provider.GetRequiredService<IEnvironmentVariables>();
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            // Adapters registered by the host replace the built-in ones (a test transport, a new protocol).
            var adapters = provider.GetServices<IProviderAdapter>().ToList();
            var middleware = provider.GetRequiredService<IOptions<CuboidClientMiddleware>>().Value;
            return new ModelRouter(ModelRouter.LoadCatalog(settings.Catalog, environment), settings,
                adapters.Count > 0 ? adapters : ModelRouter.BuiltInAdapters(time), environment, time, provider.GetService<ILoggerFactory>())
            {
                ConfigureChatClient = middleware.ChatPipeline(),
                ConfigureSpeechToTextClient = middleware.SpeechToTextPipeline(),
            };
        });

        foreach (var task in ChatTasks)
        {
            services.TryAddKeyedSingleton<IChatClient>(task, static (provider, key) => provider.GetRequiredService<ModelRouter>().GetChatClient((string)key!));
        }

        services.TryAddSingleton(static provider => provider.GetRequiredService<ModelRouter>().GetSpeechToTextClient());
        services.TryAddKeyedSingleton(ModelTasks.Transcribe, static (provider, _) => provider.GetRequiredService<ISpeechToTextClient>());
        services.TryAddSingleton(static provider => new VideoAnalyzer(MediaEngineSource.Instance, MediaEngineSource.Instance, provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<VideoAnalyzer>()));
        services.TryAddSingleton(static provider =>
            AnalysisCache.Open(provider.GetRequiredService<IOptions<CuboidStorageOptions>>().Value.CacheDirectory ?? AnalysisCache.DefaultDirectory));
        services.TryAddSingleton<IAnalysisCache>(static provider => provider.GetRequiredService<AnalysisCache>());
        services.TryAddSingleton(static provider =>
            SqliteVideoJobStore.Open(provider.GetRequiredService<IOptions<CuboidStorageOptions>>().Value.JobStoreDirectory ?? SqliteVideoJobStore.DefaultDirectory));
        services.TryAddSingleton<IVideoJobStore>(static provider => provider.GetRequiredService<SqliteVideoJobStore>());
        return services;
    }
}
