using Cuboid.Server;

// `dotnet run --project src/Cuboid.Server` and the tests' WebApplicationFactory start here; `cuboid serve` calls
// CuboidServer directly.
var app = CuboidServer.Build(args);
await app.RunAsync();

/// <summary>The entry point, named so tests can host the server with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
