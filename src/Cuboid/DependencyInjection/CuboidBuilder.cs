using Cuboid.Portfolio;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.DependencyInjection;

/// <summary>
/// What <c>AddCuboid(configuration, cuboid => ...)</c> hands you to adjust the registration: your own
/// Microsoft.Extensions.AI middleware for every routed client, in the style of <see cref="ChatClientBuilder"/>.
/// Calls add up (each <c>Configure...</c> runs after the earlier ones, and after Cuboid's telemetry and logging).
/// </summary>
public sealed class CuboidBuilder
{
    internal CuboidBuilder(IServiceCollection services) => Services = services;

    /// <summary>The container being configured, for registering what your middleware needs.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds middleware to every routed chat client the container hands out (the keyed task clients, and the
    /// <see cref="ModelRouter"/>'s and every <see cref="RunScope"/>'s), e.g. <c>b => b.UseDistributedCache(cache)</c>
    /// or <c>b => b.Use(inner => new MyChatClient(inner))</c>.
    /// </summary>
    public CuboidBuilder ConfigureChatClient(Action<ChatClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CuboidClientMiddleware>(middleware => middleware.Chat.Add(configure));
        return this;
    }

    /// <summary>Adds middleware to every routed speech-to-text client, as <see cref="ConfigureChatClient"/> does for chat.</summary>
    public CuboidBuilder ConfigureSpeechToTextClient(Action<SpeechToTextClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<CuboidClientMiddleware>(middleware => middleware.SpeechToText.Add(configure));
        return this;
    }
}
