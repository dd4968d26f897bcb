using Cuboid.Server.Store;
using Cuboid.Tests.PostgreSql;

namespace Cuboid.Tests.Server.Store;

/// <summary>The gateway store contract on PostgreSQL: a fresh database per test, and each instance its own data source (a process of its own).</summary>
public sealed class PostgresGatewayStoreTests : GatewayStoreContractTests
{
    private readonly PostgresInstances _instances = new();

    protected override int LatestSchemaVersion => PostgresGatewayStore.SchemaVersion;

    protected override IGatewayStore Open() => PostgresGatewayStore.Open(_instances.Create());

    protected override int StoredSchemaVersion() => _instances.StoredVersion(PostgresGatewayStore.Component);

    public override Task InitializeAsync() => _instances.InitializeAsync().AsTask();

    public override Task DisposeAsync() => _instances.DisposeAsync().AsTask();
}
