namespace Cuboid.Contracts;

/// <summary>A JSON document Cuboid prints or serves (<c>--json</c> of the media commands, later the server's answers).
/// Its shape is a contract: see docs/CLI.md, "JSON documents", for the fields and the version policy.</summary>
public interface IContractDocument
{
    /// <summary>The document's schema version: raised only when a field is removed, renamed or changes meaning;
    /// a new field does not raise it.</summary>
    int SchemaVersion { get; }
}
