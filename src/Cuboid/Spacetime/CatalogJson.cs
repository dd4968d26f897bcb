using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Spacetime;

/// <summary>Reads the data files behind the family and GPU catalogs: the embedded defaults and users' own files.</summary>
internal static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T ReadEmbedded<T>(string resourceName)
    {
        var assembly = typeof(CatalogJson).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing from {assembly.GetName().Name}");
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is empty");
    }

    /// <summary>Reads a user's file; any problem is an input error naming the file.</summary>
    public static T ReadFile<T>(string path, string what)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options)
                ?? throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{what} file {path} is empty");
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{what} file {path} is not valid: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"cannot read {what} file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Merges by id: entries of <paramref name="overrides"/> replace same-id entries, new ids are appended.</summary>
    public static IReadOnlyList<T> Merge<T>(IReadOnlyList<T> shipped, IReadOnlyList<T> overrides, Func<T, string> id)
    {
        var merged = shipped.ToList();
        foreach (var entry in overrides)
        {
            var at = merged.FindIndex(e => string.Equals(id(e), id(entry), StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                merged[at] = entry;
            }
            else
            {
                merged.Add(entry);
            }
        }

        return merged;
    }
}
