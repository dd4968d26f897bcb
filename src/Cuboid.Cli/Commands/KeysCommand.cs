using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Server;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid keys create|list|revoke</c>: the gateway's virtual keys, in the store directly (<c>--store</c>) or through
/// a running server's admin API (<c>--server URL</c>, admin key from <c>CUBOID_ADMIN_KEY</c>).
/// </summary>
public static class KeysCommand
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static Command Create(CliConsole console)
    {
        var store = StoreOption.Create();
        var server = new Option<string?>("--server") { Description = "A running gateway's URL; its admin key comes from CUBOID_ADMIN_KEY" };
        var json = new Option<bool>("--json") { Description = "Write JSON" };
        var command = new Command("keys", "Virtual keys of the gateway: create (the secret is shown once), list, revoke");
        command.Subcommands.Add(CreateKey(console, store, server, json));
        command.Subcommands.Add(List(console, store, server, json));
        command.Subcommands.Add(Revoke(console, store, server, json));
        return command;
    }

    private static Command CreateKey(CliConsole console, Option<string?> store, Option<string?> server, Option<bool> json)
    {
        var name = new Option<string?>("--name") { Description = "A label (team, service)" };
        var budget = new Option<decimal?>("--budget") { Description = "Dollars per period (default: no limit)" };
        var period = new Option<string>("--period") { Description = "day, week, month or total", DefaultValueFactory = _ => "month" };
        var models = new Option<string[]>("--models") { Description = "Only these catalog models (provider:model), space or comma separated", AllowMultipleArgumentsPerToken = true };
        var tasks = new Option<string[]>("--tasks") { Description = "Only these tasks (chat, caption, reason, transcribe, ...)", AllowMultipleArgumentsPerToken = true };
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute (default: no limit)" };
        var create = new Command("create", "Issue a key; its secret is printed once and never stored") { name, budget, period, models, tasks, rpm, store, server, json };
        create.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var spec = new KeySpec
            {
                Name = parse.GetValue(name),
                Budget = parse.GetValue(budget),
                Period = parse.GetValue(period),
                Models = Split(parse.GetValue(models)),
                Tasks = Split(parse.GetValue(tasks)),
                Rpm = parse.GetValue(rpm),
            };
            spec.Validate();
            JsonObject key;
            if (GatewayUrl.From(parse.GetValue(server)) is { } url)
            {
                key = await SendAsync(HttpMethod.Post, url, "admin/keys", JsonContent.Create(spec, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)), cancellationToken);
            }
            else
            {
                var issued = OpenStore(parse, store).CreateKey(spec, TimeProvider.System.GetUtcNow());
                key = AdminKeysEndpoints.Describe(issued.Key);
                key["key"] = issued.Secret;
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(key.ToJsonString());
                return ExitCodes.Ok;
            }

            await console.Out.WriteLineAsync((string?)key["key"]);
            await console.Error.WriteLineAsync($"cuboid: key {key["id"]} created; the secret above is shown only this once");
            return ExitCodes.Ok;
        });
        return create;
    }

    private static Command List(CliConsole console, Option<string?> store, Option<string?> server, Option<bool> json)
    {
        var list = new Command("list", "Every key (never a secret)") { store, server, json };
        list.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var keys = GatewayUrl.From(parse.GetValue(server)) is { } url
                ? (await SendAsync(HttpMethod.Get, url, "admin/keys", null, cancellationToken))["data"]!.AsArray().Select(k => k!.AsObject()).ToList()
                : [.. OpenStore(parse, store).Keys().Select(AdminKeysEndpoints.Describe)];
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(new JsonArray([.. keys.Select(k => (JsonNode)k.DeepClone())]).ToJsonString());
                return ExitCodes.Ok;
            }

            foreach (var key in keys)
            {
                var budget = key["budget"] is { } b ? string.Create(CultureInfo.InvariantCulture, $"${(decimal)b}/{key["period"]}") : "no budget";
                var revoked = key["revoked_at"] is null ? "" : "  revoked";
                await console.Out.WriteLineAsync($"{key["id"]}  {key["prefix"]}…  {key["name"] ?? "-"}  {budget}{revoked}");
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Revoke(CliConsole console, Option<string?> store, Option<string?> server, Option<bool> json)
    {
        var id = new Argument<string>("id") { Description = "The key's id (key_…)" };
        var revoke = new Command("revoke", "Revoke a key: it stops working at once") { id, store, server, json };
        revoke.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var keyId = parse.GetValue(id)!;
            if (GatewayUrl.From(parse.GetValue(server)) is { } url)
            {
                await SendAsync(HttpMethod.Delete, url, $"admin/keys/{Uri.EscapeDataString(keyId)}", null, cancellationToken);
            }
            else if (!OpenStore(parse, store).Revoke(keyId, TimeProvider.System.GetUtcNow()))
            {
                throw CuboidException.Input($"no key '{keyId}' in the store");
            }

            await console.Out.WriteLineAsync($"{keyId}: revoked");
            return ExitCodes.Ok;
        });
        return revoke;
    }

    private static IGatewayStore OpenStore(ParseResult parse, Option<string?> store) =>
        GatewayStorage.OpenGatewayStore(StoreOption.Resolve(parse.GetValue(store)) ?? ServerOptions.DefaultStoreFolder);

    private static IReadOnlyList<string>? Split(string[]? values) =>
        values is null ? null : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static async Task<JsonObject> SendAsync(HttpMethod method, Uri server, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var adminKey = Environment.GetEnvironmentVariable("CUBOID_ADMIN_KEY");
        if (string.IsNullOrEmpty(adminKey))
        {
            throw CuboidException.Usage("--server needs the admin key in CUBOID_ADMIN_KEY");
        }

        using var request = new HttpRequestMessage(method, new Uri(server, path)) { Content = content };
        request.Headers.Authorization = new("Bearer", adminKey);
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw CuboidException.Input($"cannot reach {server}: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? node = null;
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // Not the gateway's JSON; reported below by status.
            }

            if (!response.IsSuccessStatusCode)
            {
                var message = node?["error"]?["message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
                throw CuboidException.Usage($"{server} refused: {message}");
            }

            return node as JsonObject ?? throw CuboidException.Input($"{server} did not answer with JSON; is it a Cuboid gateway?");
        }
    }
}
