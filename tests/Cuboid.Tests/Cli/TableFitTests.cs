using System.Text.Json;
using System.Text.RegularExpressions;
using Cuboid.Cli;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Cli;

/// <summary>
/// Every table a person reads in a terminal, rendered at 80 and 120 columns: no line wider than the terminal, no model
/// id or number split across lines, and no trailing padding.
/// </summary>
public sealed partial class TableFitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-cli-tables-").FullName;
    private readonly string _keyVariable = $"CUBOID_TEST_KEY_{Guid.NewGuid():N}";

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Every provider usable (one made-up key for all; nothing is called), so tables hold the longest ids.</summary>
    private string EveryProvider()
    {
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test-not-used");
        var path = Path.Combine(_dir, "cuboid.json");
        var key = $$"""{ "keyEnv": "{{_keyVariable}}" }""";
        File.WriteAllText(path, $$"""
            { "providers": { "openai": {{key}}, "anthropic": {{key}}, "gemini": {{key}}, "openrouter": {{key}}, "groq": {{key}}, "ollama": { "enabled": true } } }
            """);
        return path;
    }

    private static async Task<string> Render(int width, params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr, width);
        var code = await CuboidApp.RunAsync(args, console);
        Assert.True(code == 0, stderr.ToString());
        return stdout.ToString();
    }

    public static TheoryData<int> Widths => new() { 80, 120 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Models_fit_with_every_id_whole(int width)
    {
        var config = EveryProvider();
        var text = await Render(width, "models", "--config", config);
        var rows = JsonDocument.Parse(await Render(width, "models", "--json", "--config", config)).RootElement.EnumerateArray().ToList();
        var ids = rows.Select(r => r.GetProperty("modelId").GetString()!).Distinct().ToList();

        AssertFits(text, width);
        AssertWhole(text, ids);
        Assert.True(text.Split('\n').Length < rows.Count * 3, "a row takes at most a line and its reason, plus headers");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Video_leaderboards_fit_with_every_model_id_whole(int width)
    {
        foreach (var task in new[] { "t2v", "i2v" })
        {
            await AssertFitsWithIdsWhole(width, ["models", "--task", task],
                json => json.EnumerateArray().Select(r => r.GetProperty("modelId").GetString()!).Distinct());
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Generate_and_image_dry_runs_fit_with_every_model_and_route_whole(int width)
    {
        string[][] runs =
        [
            ["generate", "a kite", "--seconds", "6", "--resolution", "1080p", "--policy", "cost", "--dry-run"],
            ["generate", "a kite", "--seconds", "8", "--resolution", "720p", "--dry-run"],
            ["image", "a kite", "--dry-run"],
        ];
        foreach (var args in runs)
        {
            await AssertFitsWithIdsWhole(width, args, json => json.GetProperty("candidates").EnumerateArray()
                .SelectMany(c => new[] { c.GetProperty("model").GetString()!, c.GetProperty("route").GetString()! }));
        }
    }

    /// <summary>The command's text fits <paramref name="width"/> with every id its <c>--json</c> twin names (at least one) whole.</summary>
    private static async Task AssertFitsWithIdsWhole(int width, string[] args, Func<JsonElement, IEnumerable<string>> idsOf)
    {
        var text = await Render(width, args);
        var ids = idsOf(JsonDocument.Parse(await Render(width, [.. args, "--json"])).RootElement).ToList();

        AssertFits(text, width);
        Assert.NotEmpty(ids);
        AssertWhole(text, ids);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Models_route_fits_with_every_id_and_price_whole(int width)
    {
        var config = EveryProvider();
        var text = await Render(width, "models", "route", "--task", "caption", "--config", config);
        var plan = JsonDocument.Parse(await Render(width, "models", "route", "--task", "caption", "--json", "--config", config)).RootElement;
        var ids = plan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("modelId").GetString()!).ToList();

        AssertFits(text, width);
        Assert.NotEmpty(ids);
        AssertWhole(text, ids);
        Assert.Contains("Why: ", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Plan_ladder_keeps_its_workload_column(int width)
    {
        var text = await Render(width, "plan", "ladder");

        AssertFits(text, width);
        Assert.StartsWith("Workload", text, StringComparison.Ordinal);
        AssertWhole(text, ["200-token prompt, Llama-3-8B", "5 s 4K, Wan2.1 T2V-14B", "680,400"]);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Plan_tables_fit(int width)
    {
        AssertFits(await Render(width, "plan", "llm", "--params", "8B"), width);
        AssertFits(await Render(width, "plan", "video", "--size", "3840x2160", "--usd-per-gpu-hour", "2.5"), width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Analyze_dry_run_fits_with_model_ids_whole(int width)
    {
        var config = EveryProvider();
        var text = await Render(width, "analyze", SampleFiles.DemoVideo, "--dry-run", "--no-cache", "--config", config);
        var plan = JsonDocument.Parse(await Render(width, "analyze", SampleFiles.DemoVideo, "--dry-run", "--json", "--no-cache", "--config", config)).RootElement;
        var models = plan.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("model").GetString()!)
            .Concat(plan.GetProperty("nativeVideoComparison").EnumerateArray().Select(q => q.GetProperty("model").GetString()!)).ToList();

        AssertFits(text, width);
        AssertWhole(text, models);
        Assert.Contains("Est. $", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Media_and_token_tables_fit(int width)
    {
        var demo = SampleFiles.DemoVideo;
        AssertFits(await Render(width, "probe", demo), width);
        AssertFits(await Render(width, "scenes", demo), width);
        AssertFits(await Render(width, "frames", demo, "--every", "20s", "--out", Path.Combine(_dir, "frames")), width);
        AssertFits(await Render(width, "keyframes", demo, "--min-gap", "20s", "--out", Path.Combine(_dir, "keys")), width);
        AssertFits(await Render(width, "audio", demo), width);
        AssertFits(await Render(width, "tokens", "--model", "wan2.1-t2v-14b", "--video", demo), width);
    }

    /// <summary>No line wider than the terminal, no trailing spaces, and every number-looking word a whole number.</summary>
    private static void AssertFits(string text, int width)
    {
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.All(lines, line => Assert.False(line.EndsWith(' '), $"trailing padding: '{line}'"));
        foreach (var word in lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => w.Trim('(', ')', '$', ',', ';', ':')))
        {
            if (NumberLike().IsMatch(word))
            {
                Assert.True(WholeNumber().IsMatch(word), $"split or malformed number '{word}' in:\n{text}");
            }
        }
    }

    /// <summary>Each id appears on one line, whole (a split id would be on two).</summary>
    private static void AssertWhole(string text, IEnumerable<string> ids)
    {
        var lines = text.Split('\n');
        Assert.All(ids, id => Assert.True(lines.Any(l => l.Contains(id, StringComparison.Ordinal)), $"'{id}' is not whole in:\n{text}"));
    }

    [GeneratedRegex(@"^[\d,.]*\d[\d,.]*$")]
    private static partial Regex NumberLike();

    // 7, 0.25, 1,048,576, 12.5: thousands in groups of three; a fragment such as "128,0" or ",000" fails.
    [GeneratedRegex(@"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")]
    private static partial Regex WholeNumber();
}
