using System.CommandLine;
using Cuboid.Server;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid serve [--urls URL] [--store DIR|postgres://...]</c>: runs the gateway (Cuboid.Server) until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var store = StoreOption.Create();
        var config = PortfolioCliOptions.Config();
        var catalog = PortfolioCliOptions.Catalog();
        var command = new Command("serve", "Run the gateway: an OpenAI-compatible API over the model portfolio, with virtual keys and budgets (docs/SERVER.md)")
        {
            urls, store, config, catalog,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            if (StoreOption.Resolve(parse.GetValue(store)) is { } location)
            {
                settings[nameof(ServerOptions.Store)] = location;
            }

            if (parse.GetValue(config) is { } configFile)
            {
                settings[nameof(ServerOptions.Config)] = configFile.FullName;
            }

            if (parse.GetValue(catalog) is { } catalogFile)
            {
                settings[nameof(ServerOptions.Catalog)] = catalogFile.FullName;
            }

            await CuboidServer.RunAsync(parse.GetValue(urls)!, settings, line => console.Error.WriteLine($"cuboid: {line}"), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
