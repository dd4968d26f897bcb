using System.Net.Sockets;
using Npgsql;

namespace Cuboid.PostgreSql;

/// <summary>
/// One PostgreSQL database shared by Cuboid's stores: the process's pooled <see cref="NpgsqlDataSource"/> and where it
/// points, without the password. Made from either form a user writes: a URL (<c>postgres://user:pass@host:5432/db</c>,
/// <c>postgresql://...</c>, Npgsql keywords as query parameters) or an Npgsql connection string (<c>Host=...;Database=...</c>).
/// </summary>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private PostgresDatabase(NpgsqlDataSource dataSource, string location)
    {
        DataSource = dataSource;
        Location = location;
    }

    /// <summary>The pooled data source: one per process, shared by every store on this database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary><c>postgresql://host:port/database</c>: what logs, health checks and errors show (never the password).</summary>
    public string Location { get; }

    /// <summary>True when <paramref name="store"/> names a PostgreSQL database (a <c>postgres://</c> or <c>postgresql://</c> URL, or a connection string with a <c>Host=</c> or <c>Server=</c> setting) rather than a folder.</summary>
    public static bool IsPostgres(string? store) =>
        store is { Length: > 0 } s
        && (IsUrl(s) || s.Split(';').Select(part => part.TrimStart()).Any(part =>
            part.StartsWith("host=", StringComparison.OrdinalIgnoreCase) || part.StartsWith("server=", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// The data source for <paramref name="store"/> (nothing is connected yet). A malformed URL or connection string is
    /// a usage error naming the store, never echoing the password.
    /// </summary>
    public static PostgresDatabase Create(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var builder = ConnectionString(store);
        var location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        return new PostgresDatabase(NpgsqlDataSource.Create(builder), location);
    }

    /// <summary>Runs <paramref name="work"/>, turning a server that cannot be reached or refuses us into one usage error.</summary>
    public T Reach<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw CuboidException.Usage(CuboidErrorCodes.StoreUnavailable, CuboidParameters.StoreDirectory,
                $"the PostgreSQL store at {Location} cannot be used ({FirstLine(ex)}); check the server and {CuboidParameters.StoreDirectory}");
        }
    }

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    internal static NpgsqlConnectionStringBuilder ConnectionString(string store)
    {
        try
        {
            if (!IsUrl(store))
            {
                var plain = new NpgsqlConnectionStringBuilder(store);
                return string.IsNullOrEmpty(plain.Host) ? throw new FormatException("it names no Host") : plain;
            }

            if (!Uri.TryCreate(store, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                throw new FormatException("it is not a URL of the form postgres://user:password@host:port/database");
            }

            var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
            if (uri.Port > 0)
            {
                builder.Port = uri.Port;
            }

            if (uri.UserInfo is { Length: > 0 } userInfo)
            {
                var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
                builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
                if (colon >= 0)
                {
                    builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
                }
            }

            if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
            {
                builder.Database = Uri.UnescapeDataString(database);
            }

            // Query parameters are Npgsql keywords (sslmode=require, Pooling=false, ...).
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                builder[name] = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }

            return builder;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or KeyNotFoundException or UriFormatException)
        {
            // The connection string may hold a password: the message names the form, not the text.
            throw CuboidException.Usage(CuboidErrorCodes.StoreUnavailable, CuboidParameters.StoreDirectory,
                $"{CuboidParameters.StoreDirectory} is not a usable PostgreSQL location ({FirstLine(ex)}); use postgres://user:password@host:port/database or Host=...;Database=...");
        }
    }

    private static bool IsUrl(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(Exception ex) => ex.Message.ReplaceLineEndings(" ").Trim();
}
