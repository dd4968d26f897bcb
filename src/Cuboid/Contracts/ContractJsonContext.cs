using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Contracts;

/// <summary>Source-generated serialization for every contract document: camelCase, indented, nulls written (a document
/// leaves a field out only where its record says so), so the shape is stable and needs no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProbeDocument))]
[JsonSerializable(typeof(ScenesDocument))]
[JsonSerializable(typeof(FramesDocument))]
[JsonSerializable(typeof(KeyframesDocument))]
[JsonSerializable(typeof(AudioDocument))]
[JsonSerializable(typeof(TokensDocument))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
