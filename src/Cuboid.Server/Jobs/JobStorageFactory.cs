using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Cuboid.Server.Jobs;

/// <summary>
/// The Hangfire storage <see cref="ScaleOptions.Jobs"/> names: PostgreSQL shared by every process of a cluster, or
/// memory for one process. Only the queue lives there; batches, items and step states are the store's own rows.
/// </summary>
public static class JobStorageFactory
{
    public static JobStorage Create(ScaleOptions options)
    {
        if (options.InMemory)
        {
            return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }

        var connectionString = ConnectionString(options.Jobs!);
        var storageOptions = new PostgreSqlStorageOptions
        {
            // A dead worker's step returns to the queue after this long; a live one keeps sliding it forward
            // (Hangfire.PostgreSql runs a job again once it passes the timeout, so steps stay short as well).
            InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(options.PollMilliseconds),
            // LISTEN/NOTIFY: a queued step wakes an idle worker at once (docs/PERFORMANCE.md, "Scale-out").
            EnableLongPolling = options.LongPolling,
            PrepareSchemaIfNecessary = true,
            SchemaName = "hangfire",
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
            }
            catch (PostgresException ex) when (attempt < 5 && ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
            {
                // Processes starting at once race to install Hangfire's schema; the loser finds it installed next time.
                Thread.Sleep(TimeSpan.FromMilliseconds(300 * attempt));
            }
        }
    }

    /// <summary>An Npgsql connection string from a <c>postgres://user:password@host:port/database</c> URL or a connection string.</summary>
    public static string ConnectionString(string jobs)
    {
        if (!jobs.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !jobs.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(jobs).ConnectionString;
            }
            catch (ArgumentException)
            {
                throw CuboidException.Usage("--jobs must be a postgres://user@host:port/database URL or an Npgsql connection string");
            }
        }

        if (!Uri.TryCreate(jobs, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw CuboidException.Usage("--jobs must be a postgres://user@host:port/database URL or an Npgsql connection string");
        }

        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } database ? Uri.UnescapeDataString(database) : "postgres",
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "postgres",
        };
        if (user.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        return builder.ConnectionString;
    }
}
