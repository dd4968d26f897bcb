using System.CommandLine;
using Cuboid.Server;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid serve [--urls URL] [--store DIR|postgres://...] [--role api|worker|all] [--queues media:1,providers:8] [--jobs postgres://...]</c>: runs the gateway (Cuboid.Server) until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var store = StoreOption.Create();
        var role = new Option<string?>("--role") { Description = "all (default: API and worker), api (queues steps, runs none) or worker (runs steps)" };
        var queues = new Option<string?>("--queues") { Description = "A worker's queues and steps at once per queue (default media:1,providers:8)" };
        var jobs = new Option<string?>("--jobs") { Description = "The shared step queue: postgres://user@host:port/db (default: in memory, one process)" };
        var blobs = new Option<DirectoryInfo?>("--blobs") { Description = "Where uploads, frames and reports go; shared storage when scaled out (default STORE/blobs)" };
        var config = PortfolioCliOptions.Config();
        var catalog = PortfolioCliOptions.Catalog();
        var command = new Command("serve", "Run the gateway: an OpenAI-compatible API over the model portfolio, with virtual keys and budgets (docs/SERVER.md)")
        {
            urls, store, config, catalog, role, queues, jobs, blobs,
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

            // The scale-out settings (Cuboid.Server.Jobs.ScaleOptions), checked by the server at start.
            settings["Role"] = parse.GetValue(role);
            settings["Queues"] = parse.GetValue(queues);
            settings["Jobs"] = parse.GetValue(jobs);
            settings["Blobs"] = parse.GetValue(blobs)?.FullName;
            foreach (var unset in settings.Where(s => s.Value is null).Select(s => s.Key).ToList())
            {
                settings.Remove(unset);
            }

            await CuboidServer.RunAsync(parse.GetValue(urls)!, settings, line => console.Error.WriteLine($"cuboid: {line}"), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
