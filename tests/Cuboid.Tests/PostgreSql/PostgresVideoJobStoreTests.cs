using Cuboid.Generation.Jobs;
using Cuboid.PostgreSql;
using Cuboid.Tests.Storage;

namespace Cuboid.Tests.PostgreSql;

/// <summary>The video job store contract on PostgreSQL: a fresh database per test, each instance its own data source.</summary>
public sealed class PostgresVideoJobStoreTests : VideoJobStoreContractTests
{
    private readonly PostgresInstances _instances = new();

    protected override IVideoJobStore Open() => PostgresVideoJobStore.Open(_instances.Create(), Path.Combine(Path.GetTempPath(), "cuboid-pg-jobs"));

    protected override (int Stored, int Latest) SchemaVersions() => (_instances.StoredVersion(PostgresVideoJobStore.Component), PostgresVideoJobStore.SchemaVersion);

    public override Task InitializeAsync() => _instances.InitializeAsync().AsTask();

    public override Task DisposeAsync() => _instances.DisposeAsync().AsTask();
}
