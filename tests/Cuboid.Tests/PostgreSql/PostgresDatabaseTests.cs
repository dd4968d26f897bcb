using Cuboid.PostgreSql;

namespace Cuboid.Tests.PostgreSql;

/// <summary>Both ways a user names a PostgreSQL store, and the one line they get when it is wrong or unreachable.</summary>
public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData("postgres://cuboid:s3cr%40t@db.example:6543/gateway", "db.example", 6543, "gateway", "cuboid", "s3cr@t")]
    [InlineData("postgresql://app@10.0.0.5/jobs", "10.0.0.5", 5432, "jobs", "app", null)]
    [InlineData("Host=db.example;Port=6000;Database=gateway;Username=cuboid;Password=pw", "db.example", 6000, "gateway", "cuboid", "pw")]
    public void A_url_and_a_connection_string_give_the_same_settings(string store, string host, int port, string database, string user, string? password)
    {
        var builder = PostgresDatabase.ConnectionString(store);

        Assert.True(PostgresDatabase.IsPostgres(store));
        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(database, builder.Database);
        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
    }

    [Fact]
    public void Query_parameters_are_npgsql_settings()
    {
        var builder = PostgresDatabase.ConnectionString("postgres://u:p@h/db?sslmode=require&Maximum%20Pool%20Size=7");

        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.MaxPoolSize);
    }

    [Theory]
    [InlineData("/var/lib/cuboid/server")]
    [InlineData("store")]
    [InlineData("C:\\data\\host=1")]
    [InlineData(null)]
    public void A_folder_is_not_a_postgres_store(string? store) => Assert.False(PostgresDatabase.IsPostgres(store));

    [Fact]
    public void The_location_shown_never_holds_the_password()
    {
        using var database = PostgresDatabase.Create("postgres://cuboid:hunter2@db.example:6543/gateway");

        Assert.Equal("postgresql://db.example:6543/gateway", database.Location);
    }

    [Theory]
    [InlineData("postgres://cuboid:hunter2@/gateway")]
    [InlineData("postgres://cuboid:hunter2@db.example/gateway?NoSuchSetting=1")]
    [InlineData("Host=db.example;Password=hunter2;Bogus Keyword=1")]
    [InlineData("Database=gateway;Password=hunter2")]
    public void A_malformed_store_is_one_usage_error_without_the_password(string store)
    {
        var ex = Assert.Throws<CuboidException>(() => PostgresDatabase.Create(store));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Equal(CuboidErrorCodes.StoreUnavailable, ex.Code);
        Assert.Equal(CuboidParameters.StoreDirectory, ex.Parameter);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void An_unreachable_server_is_one_usage_error_naming_where_without_the_password()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        using var database = PostgresDatabase.Create("postgres://cuboid:hunter2@127.0.0.1:1/gateway?Timeout=3");

        var ex = Assert.Throws<CuboidException>(() => PostgresVideoJobStore.Open(database, Path.GetTempPath()));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Equal(CuboidErrorCodes.StoreUnavailable, ex.Code);
        Assert.Contains("postgresql://127.0.0.1:1/gateway", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
