using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Cli;

/// <summary>
/// <c>cuboid models</c>, <c>models route</c>, <c>models update</c> and <c>ask</c>, with the CLI pointed at the
/// loopback simulator through <c>--config</c>. Keys come from uniquely named environment variables.
/// </summary>
public sealed class PortfolioCommandsTests : IClassFixture<RouterSimulatorFixture>, IDisposable
{
    private readonly ProviderSimulator _sim;
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-cli-portfolio-").FullName;
    private readonly string _keyVariable = $"CUBOID_TEST_KEY_{Guid.NewGuid():N}";

    public PortfolioCommandsTests(RouterSimulatorFixture fixture)
    {
        _sim = fixture.Sim;
        _sim.ClearScripts();
        _sim.ClearLog();
        _sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
        File.WriteAllText(Overlay, "{}");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        Directory.Delete(_dir, recursive: true);
    }

    private string Overlay => Path.Combine(_dir, "overlay.json");

    /// <summary>A config sending OpenAI traffic to the simulator with the key in a unique variable, and turning every other provider off.</summary>
    private string Config(string key)
    {
        Environment.SetEnvironmentVariable(_keyVariable, key);
        var path = Path.Combine(_dir, "cuboid.json");
        File.WriteAllText(path, $$"""
            {
              "providers": {
                "openai": { "baseUrl": "{{new Uri(_sim.BaseUri, "v1")}}", "keyEnv": "{{_keyVariable}}" },
                "anthropic": { "enabled": false }, "gemini": { "enabled": false }, "openrouter": { "enabled": false },
                "groq": { "enabled": false }, "ollama": { "enabled": false }
              },
              "resilience": { "baseDelaySeconds": 0.01, "maxDelaySeconds": 0.05, "callTimeoutSeconds": 5 }
            }
            """);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Models_lists_the_leaderboard_as_json_with_usability()
    {
        var (code, output, _) = await Run("models", "--task", "caption", "--json", "--config", Config(ProviderSimulator.DefaultApiKey), "--catalog", Overlay);

        Assert.Equal(ExitCodes.Ok, code);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("caption", r.GetProperty("task").GetString()));
        var mini = rows.Single(r => r.GetProperty("modelId").GetString() == "openai:gpt-4.1-mini");
        Assert.True(mini.GetProperty("usable").GetBoolean());
        Assert.Equal(74, mini.GetProperty("rawRating").GetDouble());
        Assert.True(mini.GetProperty("effectiveRating").GetDouble() < 74);
        Assert.Equal(0.4m, mini.GetProperty("prices").GetProperty("inputPerMTok").GetDecimal());
        var gemini = rows.Single(r => r.GetProperty("modelId").GetString() == "gemini:gemini-2.5-flash");
        Assert.Equal("disabled in the config", gemini.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Json_output_has_the_same_keys_on_every_object_with_nulls_for_absent_values()
    {
        var config = Config(ProviderSimulator.DefaultApiKey);

        var (modelsCode, models, _) = await Run("models", "--json", "--config", config, "--catalog", Overlay);
        var (routeCode, route, _) = await Run("models", "route", "--task", "transcribe", "--json", "--config", config, "--catalog", Overlay);
        var (askCode, ask, askError) = await Run("ask", "hi", "--json", "--model", "openai:gpt-4.1-mini", "--config", config, "--catalog", Overlay);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok), (modelsCode, routeCode, askCode));
        var rows = JsonDocument.Parse(models).RootElement.EnumerateArray().ToList();
        AssertSameKeys(rows);
        AssertSameKeys([.. rows.Select(r => r.GetProperty("prices")).Where(p => p.ValueKind == JsonValueKind.Object)]);
        var whisper = rows.First(r => r.GetProperty("modelId").GetString() == "openai:whisper-1");
        Assert.Equal(JsonValueKind.Null, whisper.GetProperty("prices").GetProperty("inputPerMTok").ValueKind);
        var candidates = JsonDocument.Parse(route).RootElement.GetProperty("candidates").EnumerateArray().ToList();
        AssertSameKeys(candidates);
        Assert.Equal(JsonValueKind.Null, candidates[0].GetProperty("observedLatency").ValueKind);
        var call = JsonDocument.Parse(ask).RootElement.GetProperty("calls")[0];
        Assert.True(call.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Null, askError);
    }

    private static void AssertSameKeys(IReadOnlyList<JsonElement> objects)
    {
        Assert.NotEmpty(objects);
        var first = objects[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(objects, o => Assert.Equal(first, o.EnumerateObject().Select(p => p.Name).ToList()));
    }

    [Fact]
    public async Task Ask_verbose_reports_each_model_tried_in_plain_words()
    {
        var config = Config(ProviderSimulator.DefaultApiKey);
        _sim.ScriptAlways("gpt-4.1-mini", Fault.ServerError(500));

        var (code, _, error) = await Run("ask", "hi", "--verbose", "--model", "openai:gpt-4.1-mini", "--config", config, "--catalog", Overlay);

        Assert.Equal(ExitCodes.Provider, code);
        Assert.Contains("cuboid: openai:gpt-4.1-mini: failed after 3 attempts (", error, StringComparison.Ordinal);
        Assert.DoesNotContain("attempt(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_names_the_tasks_that_exist()
    {
        var config = Config(ProviderSimulator.DefaultApiKey);

        var (code, _, error) = await Run("models", "route", "--task", "captoin", "--config", config, "--catalog", Overlay);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no model in the catalog serves task 'captoin'; tasks: caption, chat, reason, transcribe", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_renders_a_table_per_task()
    {
        var (code, output, _) = await Run("models", "--config", Config(ProviderSimulator.DefaultApiKey), "--catalog", Overlay);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("transcribe:", output, StringComparison.Ordinal);
        Assert.Contains("openai:whisper-1", output, StringComparison.Ordinal);
        Assert.Contains("no: shut down on 2025-10-22", output, StringComparison.Ordinal);
        Assert.Contains("30-day half-life", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_route_shows_the_order_and_why()
    {
        var config = Config(ProviderSimulator.DefaultApiKey);

        var (code, output, _) = await Run("models", "route", "--task", "caption", "--policy", "cost", "--json", "--config", config, "--catalog", Overlay);
        var (tableCode, table, _) = await Run("models", "route", "--task", "caption", "--policy", "cost", "--config", config, "--catalog", Overlay);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, tableCode));
        var plan = JsonDocument.Parse(output).RootElement;
        var order = plan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("modelId").GetString()).ToList();
        Assert.Equal("openai:gpt-4.1-nano", order[0]);
        Assert.All(order, id => Assert.StartsWith("openai:", id, StringComparison.Ordinal));
        // Priced for the caption request analyze makes: its prompt and one frame (765 tokens) in, its 400-token cap out, on gpt-4.1-nano.
        var request = Cuboid.Understanding.AnalysisRequests.Estimate("caption");
        Assert.Equal(((request.TextTokens + 765) * 0.10m + (Cuboid.Understanding.AnalysisRequests.CaptionOutputTokens * 0.40m)) / 1_000_000m,
            plan.GetProperty("candidates")[0].GetProperty("estimatedCost").GetDecimal());
        Assert.Contains($"Route for 'caption' by cost (priced for {request.TextTokens:N0} tokens in, 400 out, 1 image)", table, StringComparison.Ordinal);
        Assert.Contains("gemini:gemini-2.5-flash: not usable here: disabled in the config", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_route_defaults_to_the_same_policy_as_the_router_and_says_so()
    {
        var config = Config(ProviderSimulator.DefaultApiKey);

        var (code, table, _) = await Run("models", "route", "--task", "caption", "--config", config, "--catalog", Overlay);
        var (helpCode, help, _) = await Run("models", "route", "--help");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, helpCode));
        Assert.Contains("Route for 'caption' by balanced, the default", table, StringComparison.Ordinal);
        Assert.Contains("else balanced for caption and transcribe and quality for the rest", help.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_update_ingests_an_openrouter_list_into_the_overlay()
    {
        var source = Path.Combine(_dir, "openrouter.json");
        await File.WriteAllTextAsync(source, CatalogUpdaterTests.OpenRouterList);
        var overlay = Path.Combine(_dir, "new-overlay.json");

        var (code, output, _) = await Run("models", "update", "--from", source, "--catalog", overlay);
        var (listCode, list, _) = await Run("models", "--task", "reason", "--json", "--config", Config("k"), "--catalog", overlay);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (code, listCode));
        Assert.StartsWith("openrouter: 1 model(s) added, 1 updated", output, StringComparison.Ordinal);
        Assert.Contains("openrouter:acme/new-reasoner", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_update_from_a_missing_file_is_an_input_error()
    {
        var (code, _, error) = await Run("models", "update", "--from", Path.Combine(_dir, "nothing.csv"), "--catalog", Overlay);

        Assert.Equal(ExitCodes.Input, code);
        Assert.StartsWith("cuboid: update source not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_answers_through_the_router()
    {
        var (code, output, error) = await Run("ask", "What is in a cuboid?", "--model", "openai:gpt-4.1-mini", "--config", Config(ProviderSimulator.DefaultApiKey), "--catalog", Overlay);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Simulated answer from gpt-4.1-mini to: What is in a cuboid?", output, StringComparison.Ordinal);
        Assert.Contains("-- openai:gpt-4.1-mini:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_an_image_sends_it()
    {
        var image = Path.Combine(_dir, "frame.png");
        await File.WriteAllBytesAsync(image, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        _sim.Respond(r => $"saw {r.Images.Count} image");

        var (code, output, _) = await Run("ask", "what is this?", "--image", image, "--model", "openai:gpt-4.1-mini", "--config", Config(ProviderSimulator.DefaultApiKey), "--catalog", Overlay);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("saw 1 image", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_key_never_appears_in_output_even_with_verbose()
    {
        var key = $"sk-leak-canary-{Guid.NewGuid():N}";

        var (code, output, error) = await Run("ask", "hello", "--verbose", "--config", Config(key), "--catalog", Overlay);

        Assert.Equal(ExitCodes.Provider, code);
        Assert.True(_sim.CallCount() >= 1);
        Assert.Contains("refused the key", error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..20], output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_without_a_key_prints_one_short_line_naming_the_variable()
    {
        // The config's OpenAI key variable is left unset; every other provider is disabled.
        var config = Config(ProviderSimulator.DefaultApiKey);
        Environment.SetEnvironmentVariable(_keyVariable, null);

        var (code, output, error) = await Run("ask", "hello", "--config", config, "--catalog", Overlay);

        Assert.Equal(ExitCodes.Provider, code);
        Assert.Equal("", output);
        Assert.Equal($"cuboid: no provider is configured for task 'chat'; set {_keyVariable}", error.TrimEnd());
        Assert.Equal(0, _sim.CallCount());
    }

    [Fact]
    public async Task Ask_over_budget_exits_with_the_budget_code()
    {
        var (code, _, error) = await Run("ask", "hello", "--budget", "0.0000001", "--config", Config(ProviderSimulator.DefaultApiKey), "--catalog", Overlay);

        Assert.Equal(ExitCodes.Budget, code);
        Assert.StartsWith("cuboid: budget of $0.0000001 would be exceeded", error, StringComparison.Ordinal);
        Assert.Equal(0, _sim.CallCount());
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "ask", "hello", "--model", "gpt-4o")]
    [InlineData(ExitCodes.Usage, "models", "route", "--task", "caption", "--policy", "fastest")]
    [InlineData(ExitCodes.Usage, "models", "--task", "no-such-task")]
    [InlineData(ExitCodes.Input, "ask", "hello", "--image", "/nonexistent/frame.png")]
    public async Task Bad_input_ends_in_one_line_and_the_documented_code(int expected, params string[] args)
    {
        var (code, _, error) = await Run([.. args, "--config", Config(ProviderSimulator.DefaultApiKey), "--catalog", Overlay]);

        Assert.Equal(expected, code);
        Assert.Single(error.Trim().Split('\n'));
    }
}
