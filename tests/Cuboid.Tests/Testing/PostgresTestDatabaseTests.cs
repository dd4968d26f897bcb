using Cuboid.Testing.Postgres;
using Npgsql;

namespace Cuboid.Tests.Testing;

public sealed class PostgresTestDatabaseTests
{
    [Fact]
    public async Task Gives_each_caller_its_own_empty_database_and_drops_it_afterwards()
    {
        string name;
        await using (var database = await PostgresTestDatabase.CreateAsync())
        {
            name = database.Name;
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE t (x int); INSERT INTO t VALUES (7); SELECT sum(x) FROM t", connection);
            Assert.Equal(7L, await create.ExecuteScalarAsync());
        }

        await using var server = new NpgsqlConnection(PostgresTestServer.ConnectionString);
        await server.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }
}
