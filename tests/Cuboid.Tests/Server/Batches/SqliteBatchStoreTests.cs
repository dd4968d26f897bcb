using Cuboid.Server.Batches;

namespace Cuboid.Tests.Server.Batches;

/// <summary>The batch store contract on <c>batches.db</c> in a fresh folder.</summary>
public sealed class SqliteBatchStoreTests : BatchStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-batch-store-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IBatchStore> OpenAsync() => Task.FromResult<IBatchStore>(SqliteBatchStore.Open(_folder));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
