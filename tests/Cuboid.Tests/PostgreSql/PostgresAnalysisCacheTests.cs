using Cuboid.PostgreSql;
using Cuboid.Storage;
using Cuboid.Tests.Storage;

namespace Cuboid.Tests.PostgreSql;

/// <summary>The analysis cache contract on PostgreSQL: a fresh database per test, each instance its own data source.</summary>
public sealed class PostgresAnalysisCacheTests : AnalysisCacheContractTests
{
    private readonly PostgresInstances _instances = new();

    protected override IAnalysisCache Open() => PostgresAnalysisCache.Open(_instances.Create());

    protected override (int Stored, int Latest) SchemaVersions() => (_instances.StoredVersion(PostgresAnalysisCache.Component), PostgresAnalysisCache.SchemaVersion);

    public override Task InitializeAsync() => _instances.InitializeAsync().AsTask();

    public override Task DisposeAsync() => _instances.DisposeAsync().AsTask();
}
