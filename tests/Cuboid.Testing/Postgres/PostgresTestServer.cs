using System.Diagnostics;

namespace Cuboid.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests use: <c>CUBOID_TEST_POSTGRES</c> when set (test.sh sets it), otherwise the
/// throwaway local cluster that <c>scripts/ensure-postgres.sh</c> starts or reuses, so a single
/// <c>dotnet test --filter</c> works too. A missing PostgreSQL fails the test with the install command; it is never
/// skipped silently.
/// </summary>
public static class PostgresTestServer
{
    public const string EnvironmentVariable = "CUBOID_TEST_POSTGRES";

    private static readonly Lazy<string> Resolved = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the server's maintenance database (<c>postgres</c>).</summary>
    public static string ConnectionString => Resolved.Value;

    private static string Resolve()
    {
        var named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return named;
        }

        var script = FindScript();
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("bash could not be started to run scripts/ensure-postgres.sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/ensure-postgres.sh failed ({process.ExitCode}): {stderr.Result.Trim()}");
        }

        return stdout.Result.Trim();
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "ensure-postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{EnvironmentVariable} is not set and scripts/ensure-postgres.sh is not above the test folder");
    }
}
