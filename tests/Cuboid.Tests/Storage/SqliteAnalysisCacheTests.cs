using Cuboid.Storage;

namespace Cuboid.Tests.Storage;

/// <summary>The analysis cache contract on the embedded SQLite cache: every instance opens the same folder.</summary>
public sealed class SqliteAnalysisCacheTests : AnalysisCacheContractTests
{
    private readonly SqliteTestFolder _folder = new("cuboid-cache-contract-tests");

    protected override IAnalysisCache Open() => AnalysisCache.Open(_folder.Path);

    protected override (int Stored, int Latest) SchemaVersions() => (_folder.UserVersion(AnalysisCache.FileName), AnalysisCache.SchemaVersion);

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync() => _folder.DeleteAsync();
}
