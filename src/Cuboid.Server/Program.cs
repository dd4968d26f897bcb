namespace Cuboid.Server;

/// <summary>
/// The entry point of <c>dotnet run --project src/Cuboid.Server</c>, and the type tests host the server by
/// (<c>WebApplicationFactory&lt;ServerProgram&gt;</c>); <c>cuboid serve</c> calls <see cref="CuboidServer"/> directly.
/// Not named Program: the CLI's entry point already is, and tests see both.
/// </summary>
public sealed class ServerProgram
{
    private ServerProgram()
    {
    }

    public static async Task Main(string[] args)
    {
        var app = CuboidServer.Build(args);
        await app.RunAsync();
    }
}
