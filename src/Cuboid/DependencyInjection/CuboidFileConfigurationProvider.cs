using System.Text.Json;
using Cuboid.Portfolio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.DependencyInjection;

/// <summary>
/// Reads the config file the CLI has always read (<see cref="PortfolioSettings.Find"/>: an explicit file, else
/// <c>cuboid.json</c> here, else the user's <c>config.json</c>) into <c>Cuboid:*</c> keys. The file is first read strictly
/// (<see cref="PortfolioSettings.Read"/>), so an unknown setting, a value of the wrong type or a key pasted into it fails
/// with the same one-line message as ever, naming the file and the setting, never the value.
/// </summary>
internal sealed class CuboidFileConfigurationProvider(string? explicitPath, string workingDirectory) : ConfigurationProvider
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (PortfolioSettings.Find(explicitPath, workingDirectory, ProcessEnvironment.Instance) is { } path)
        {
            PortfolioSettings.Read(path);
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, Lenient);
            Flatten(document.RootElement, CuboidServiceCollectionExtensions.SectionName, data);
            // Messages about these settings keep naming the file they came from.
            data[ConfigurationPath.Combine(CuboidServiceCollectionExtensions.SectionName, nameof(PortfolioSettings.Origin))] = path;
        }

        Data = data;
    }

    private static void Flatten(JsonElement element, string key, Dictionary<string, string?> data)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, ConfigurationPath.Combine(key, property.Name), data);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, ConfigurationPath.Combine(key, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture)), data);
                }

                break;
            case JsonValueKind.Null:
                break;
            case JsonValueKind.String:
                data[key] = element.GetString();
                break;
            default:
                data[key] = element.GetRawText();
                break;
        }
    }
}
