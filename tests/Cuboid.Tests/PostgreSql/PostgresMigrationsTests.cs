using Cuboid.PostgreSql;
using Npgsql;

namespace Cuboid.Tests.PostgreSql;

/// <summary>Versioned migrations in <c>cuboid_schema</c>: each once, in order, atomically, and a newer schema refused.</summary>
public sealed class PostgresMigrationsTests : IAsyncLifetime
{
    private readonly PostgresInstances _instances = new();

    public Task InitializeAsync() => _instances.InitializeAsync().AsTask();

    public Task DisposeAsync() => _instances.DisposeAsync().AsTask();

    [Fact]
    public void Each_migration_runs_once_and_later_ones_run_on_the_next_start()
    {
        var database = _instances.Create();
        var v1 = new PostgresMigrations("sample", ["CREATE TABLE sample (id integer PRIMARY KEY)"]);
        var v2 = new PostgresMigrations("sample", ["CREATE TABLE sample (id integer PRIMARY KEY)", "ALTER TABLE sample ADD COLUMN name text"]);

        var fromEmpty = v1.Apply(database);
        var again = v1.Apply(database);
        var upgraded = v2.Apply(_instances.Create());

        Assert.Equal((0, 1, 1), (fromEmpty, again, upgraded));
        Assert.Equal(2, _instances.StoredVersion("sample"));
        Execute("INSERT INTO sample (id, name) VALUES (1, 'x')");
    }

    [Fact]
    public void A_failing_migration_leaves_nothing_half_done()
    {
        var broken = new PostgresMigrations("sample", ["CREATE TABLE sample (id integer PRIMARY KEY); CREATE TABLE sample (id integer)"]);

        Assert.ThrowsAny<Exception>(() => broken.Apply(_instances.Create()));

        Assert.Equal(0, _instances.StoredVersion("sample"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'sample'"));
    }

    [Fact]
    public void A_schema_from_a_newer_cuboid_is_refused_in_one_line()
    {
        new PostgresMigrations("sample", ["SELECT 1", "SELECT 2"]).Apply(_instances.Create());
        var database = _instances.Create();

        var ex = Assert.Throws<CuboidException>(() => new PostgresMigrations("sample", ["SELECT 1"]).Apply(database));

        Assert.Equal(CuboidErrorCodes.StoreUnavailable, ex.Code);
        Assert.Contains("schema version 2, newer than this Cuboid knows (1)", ex.Message, StringComparison.Ordinal);
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_instances.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(_instances.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
