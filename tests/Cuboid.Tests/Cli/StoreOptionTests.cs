using System.Text.Json.Nodes;
using Cuboid.Cli;
using Cuboid.Testing.Postgres;

namespace Cuboid.Tests.Cli;

/// <summary><c>--store</c> of <c>keys</c> and <c>serve</c> naming PostgreSQL: it works, and a bad or unreachable one is one line, exit 2.</summary>
public sealed class StoreOptionTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Keys_work_on_a_postgres_store_given_as_a_connection_string()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        var (created, secret, _) = await Run("keys", "create", "--name", "pg", "--budget", "3", "--store", database.ConnectionString);
        var (listed, json, _) = await Run("keys", "list", "--json", "--store", database.ConnectionString);

        Assert.Equal(ExitCodes.Ok, created);
        Assert.Equal(ExitCodes.Ok, listed);
        var key = JsonNode.Parse(json)!.AsArray().Single()!;
        Assert.Equal("pg", (string)key["name"]!);
        Assert.DoesNotContain(secret.Trim(), json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--urls", "http://127.0.0.1:1", "--store", "postgres://cuboid:hunter2@127.0.0.1:1/gateway?Timeout=3")]
    [InlineData("keys", "list", "--store", "postgres://cuboid:hunter2@127.0.0.1:1/gateway?Timeout=3")]
    [InlineData("keys", "list", "--store", "postgres://cuboid:hunter2@/gateway")]
    [InlineData("keys", "list", "--store", "Host=127.0.0.1;Password=hunter2;Bogus=1")]
    [InlineData("keys", "list", "--store", "")]
    public async Task A_bad_or_unreachable_store_is_one_line_exit_2_without_the_password(params string[] args)
    {
        var (exit, _, err) = await Run(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cuboid: ", err, StringComparison.Ordinal);
        Assert.Contains("--store", err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", err, StringComparison.Ordinal);
    }
}
