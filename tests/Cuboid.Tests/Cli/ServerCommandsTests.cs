using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cuboid.Cli;

namespace Cuboid.Tests.Cli;

/// <summary><c>cuboid keys</c> on a store folder and <c>cuboid serve</c> on a real port: outputs, exit codes, bad input.</summary>
public sealed class ServerCommandsTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("cuboid-cli-server-").FullName;

    public void Dispose() => Directory.Delete(_store, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(CancellationToken cancellationToken, params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console, cancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => Run(CancellationToken.None, args);

    [Theory]
    [InlineData("0")]
    [InlineData("33")]
    public async Task A_batch_caption_concurrency_outside_1_to_32_is_one_line_and_exit_2_before_anything_is_sent(string concurrency)
    {
        // Port 9 (discard) answers nothing: reaching the server would be a different error.
        var (exit, _, err) = await Run("analyze", _store, "--server", "http://127.0.0.1:9/", "--concurrency", concurrency);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("between 1 and 32 on a server", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_created_once_listed_without_secrets_and_revoked()
    {
        var (created, secret, note) = await Run("keys", "create", "--name", "team-a", "--budget", "20", "--period", "month", "--models", "openai:gpt-4.1-mini,gemini:gemini-2.5-flash", "--rpm", "60", "--store", _store);
        var (_, json, _) = await Run("keys", "list", "--json", "--store", _store);
        var key = JsonNode.Parse(json)!.AsArray().Single()!;
        var (revoked, revokedOut, _) = await Run("keys", "revoke", (string)key["id"]!, "--store", _store);
        var (_, after, _) = await Run("keys", "list", "--store", _store);

        Assert.Equal(ExitCodes.Ok, created);
        Assert.Matches("^cbk-[0-9a-f]{64}$", secret.Trim());
        Assert.Contains("shown only this once", note, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Trim(), json, StringComparison.Ordinal);
        Assert.Equal(20m, (decimal)key["budget"]!);
        Assert.Equal(["openai:gpt-4.1-mini", "gemini:gemini-2.5-flash"], key["models"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(60, (int)key["rpm"]!);
        Assert.Equal(ExitCodes.Ok, revoked);
        Assert.Contains("revoked", revokedOut, StringComparison.Ordinal);
        Assert.Contains("$20/month  revoked", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "keys", "create", "--period", "fortnight")]
    [InlineData(ExitCodes.Usage, "keys", "create", "--budget", "-1")]
    [InlineData(ExitCodes.Usage, "keys", "create", "--rpm", "0")]
    [InlineData(ExitCodes.Usage, "keys", "create", "--models", "gpt4")]
    [InlineData(ExitCodes.Input, "keys", "revoke", "key_nope")]
    [InlineData(ExitCodes.Usage, "serve", "--urls", "ftp://127.0.0.1:1")]
    [InlineData(ExitCodes.Usage, "keys", "list", "--server", "ftp://127.0.0.1:1")]
    [InlineData(ExitCodes.Usage, "keys", "list", "--server", "http://127.0.0.1:9/")]
    public async Task Bad_input_is_one_line_and_a_documented_exit_code(int code, params string[] args)
    {
        var (exit, _, err) = await Run([.. args, "--store", _store]);

        Assert.Equal(code, exit);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cuboid: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_on_its_port_until_cancelled_and_a_second_serve_on_its_folder_refuses_to_start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = $"http://127.0.0.1:{port}";
        using var stop = new CancellationTokenSource();
        var serving = Run(stop.Token, "serve", "--urls", url, "--store", _store);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        string? live = null;
        for (var i = 0; i < 200 && live is null && !serving.IsCompleted; i++)
        {
            try
            {
                live = await http.GetStringAsync("/health/live");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        var unauthorized = await http.GetAsync("/v1/models");
        // A second gateway on the same SQLite folder would keep budgets of its own: it refuses to start.
        var (secondCode, _, secondErr) = await Run("serve", "--urls", "http://127.0.0.1:0", "--store", _store);
        await stop.CancelAsync();
        var (code, _, err) = await serving;

        Assert.Equal("Healthy", live);
        Assert.Equal(ExitCodes.Usage, secondCode);
        Assert.Single(secondErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("another cuboid serve is already using the store", secondErr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"serving on {url}", err, StringComparison.Ordinal);
    }
}
