using Cuboid.Server.Store;
using Cuboid.Tests.Storage;

namespace Cuboid.Tests.Server.Store;

/// <summary>The gateway store contract on the embedded SQLite store: every instance opens the same folder.</summary>
public sealed class SqliteGatewayStoreTests : GatewayStoreContractTests
{
    private readonly SqliteTestFolder _folder = new("cuboid-gateway-store-tests");

    protected override int LatestSchemaVersion => GatewayStore.SchemaVersion;

    protected override IGatewayStore Open() => GatewayStore.Open(_folder.Path);

    protected override int StoredSchemaVersion() => _folder.UserVersion(GatewayStore.FileName);

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync() => _folder.DeleteAsync();
}
