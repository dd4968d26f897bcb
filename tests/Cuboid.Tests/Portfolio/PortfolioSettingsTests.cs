using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

public sealed class PortfolioSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Working_directory_config_wins_over_the_user_config()
    {
        var env = new MapEnvironment(new Dictionary<string, string> { ["HOME"] = Path.Combine(_dir, "home") });
        Write("home/.config/cuboid/config.json", """{ "budget": 9 }""");
        Directory.CreateDirectory(Path.Combine(_dir, "work"));

        Assert.Equal(9m, PortfolioSettings.Load(null, Path.Combine(_dir, "work"), env).Budget);

        Write("work/cuboid.json", """{ "budget": 2.5, "halfLifeDays": 14 }""");
        var settings = PortfolioSettings.Load(null, Path.Combine(_dir, "work"), env);
        Assert.Equal((2.5m, 14d), (settings.Budget, settings.HalfLifeDays));
        Assert.EndsWith("cuboid.json", settings.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_file_the_defaults_apply()
    {
        var env = new MapEnvironment(new Dictionary<string, string> { ["HOME"] = Path.Combine(_dir, "nohome") });

        var settings = PortfolioSettings.Load(null, _dir, env);

        Assert.Null(settings.Budget);
        Assert.Equal(30, settings.HalfLifeDays);
        Assert.Equal(3, settings.Resilience.MaxAttempts);
    }

    [Fact]
    public void A_key_in_the_config_is_rejected_without_echoing_it()
    {
        var path = Write("keyed.json", """{ "providers": { "openai": { "apiKey": "sk-live-do-not-print" } } }""");

        var ex = Assert.Throws<CuboidException>(() => PortfolioSettings.Read(path));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains("apiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keyEnv", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-do-not-print", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "budget": -1 }""", "budget")]
    [InlineData("""{ "halfLifeDays": 0 }""", "halfLifeDays")]
    [InlineData("""{ "endpoints": [ { "name": "vllm", "baseUrl": "not a url" } ] }""", "baseUrl")]
    [InlineData("""{ "tasks": { "caption": { "model": "gpt-4o" } } }""", "provider:model")]
    [InlineData("""{ "tasks": { "caption": { "policy": "fastest" } } }""", "'tasks.caption.policy' must be quality, cost, balanced or latency")]
    [InlineData("""{ "resilience": { "maxAttempts": 0 } }""", "resilience")]
    [InlineData("""{ "budget": "sk-secret-value" }""", "budget")]
    [InlineData("""{ "providers": { "openai": { "baseUrl": "::nope" } } }""", "invalid 'baseUrl'")]
    [InlineData("""{ "endpoints": [ { "name": "my:vllm", "baseUrl": "http://127.0.0.1:8000/v1" } ] }""", "without a colon")]
    public void Bad_config_values_are_usage_errors_naming_the_field(string json, string expected)
    {
        var path = Write($"bad-{Guid.NewGuid():N}.json", json);

        var ex = Assert.Throws<CuboidException>(() => PortfolioSettings.Read(path));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"providers":{"openai":{"apiKey":"sk-live-do-not-print"}}}""",
        "cuboid.json: unknown setting 'providers.openai.apiKey' (keys are read only from environment variables")]
    [InlineData("""{"budget":"abc"}""", "cuboid.json: 'budget' must be a number of dollars")]
    [InlineData("""{"budgte": 2}""", "cuboid.json: unknown setting 'budgte' (see the Configuration section of docs/CLI.md)")]
    [InlineData("""{"halfLifeDays": true}""", "cuboid.json: 'halfLifeDays' must be a number of days")]
    [InlineData("""{"providers":{"openai":{"enabled":"yes"}}}""", "cuboid.json: 'providers.openai.enabled' must be true or false")]
    [InlineData("""{"resilience":{"maxAttempts":2.5}}""", "cuboid.json: 'resilience.maxAttempts' must be a whole number")]
    [InlineData("""{"resilience":{"bufferStreams":1}}""", "cuboid.json: 'resilience.bufferStreams' must be true or false")]
    [InlineData("""{"endpoints":{"name":"vllm"}}""", "cuboid.json: 'endpoints' must be a list of endpoints")]
    [InlineData("""{"endpoints":[{"baseUrl":"http://127.0.0.1:8000/v1"}]}""", "cuboid.json: 'endpoints[0]' needs 'name'")]
    [InlineData("""{"tasks":{"caption":{"modle":"openai:gpt-5"}}}""", "cuboid.json: unknown setting 'tasks.caption.modle'")]
    [InlineData("{\n  \"budget\": 2,\n  oops\n}", "cuboid.json: not valid JSON at line 3, column 3")]
    [InlineData("{\n  \"budget\": 2\n", "cuboid.json: not valid JSON at line 3")]
    [InlineData("", "cuboid.json: not valid JSON")]
    [InlineData("null", "cuboid.json: the file holds no settings")]
    public void Malformed_config_files_are_explained_in_the_users_words(string json, string expected)
    {
        var path = Write($"malformed-{Guid.NewGuid():N}/cuboid.json", json);

        var ex = Assert.Throws<CuboidException>(() => PortfolioSettings.Read(path));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cuboid.Portfolio", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_catalog_provider_with_a_bad_base_url_is_a_usage_error()
    {
        var catalog = PortfolioHarness.TestCatalog.MergedWith(new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "alpha", BaseUrl = "not a url", KeyEnv = "ALPHA_KEY" }],
        });

        var ex = Assert.Throws<CuboidException>(() => new PortfolioHarness().Build(catalog));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains("'alpha' has an invalid base URL", ex.Message, StringComparison.Ordinal);
    }

    private RunScope LoadShipped(Dictionary<string, string> env, string? config = null)
    {
        env["HOME"] = Path.Combine(_dir, "nohome");
        var work = Directory.CreateDirectory(Path.Combine(_dir, $"work-{Guid.NewGuid():N}")).FullName;
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(work, PortfolioSettings.WorkingDirectoryFileName), config);
        }

        return ModelRouter.Load(new PortfolioLoadOptions { WorkingDirectory = work, Environment = new MapEnvironment(env) }).BeginRun();
    }

    [Theory]
    [InlineData("""{"tasks":{"captoin":{"model":"openai:gpt-4.1-nano"}}}""", "cuboid.json: tasks.captoin is not a task any catalog model serves; tasks: caption,")]
    [InlineData("""{"tasks":{"reason":{"model":"nosuch:x"}}}""", "cuboid.json: tasks.reason.model 'nosuch:x' names an unknown provider 'nosuch'; known: ")]
    [InlineData("""{"providers":{"opnai":{"keyEnv":"MY_KEY"}}}""", "cuboid.json: providers.opnai is not a known provider; known: ")]
    [InlineData("""{"endpoints":[{"name":"openai","baseUrl":"http://127.0.0.1:1/v1"}]}""", "cuboid.json: endpoint 'openai' has the name of a built-in provider")]
    public void Config_names_the_catalog_does_not_know_are_usage_errors(string config, string expected)
    {
        var ex = Assert.Throws<CuboidException>(() => LoadShipped(new() { ["OPENAI_API_KEY"] = "x" }, config));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_names_of_custom_endpoints_and_their_models_are_accepted()
    {
        var portfolio = LoadShipped(new(), """{"endpoints":[{"name":"vllm","baseUrl":"http://127.0.0.1:1/v1"}],"providers":{"vllm":{"enabled":true}},"tasks":{"reason":{"model":"vllm:qwen3"}}}""");

        Assert.Equal("vllm:qwen3", portfolio.Router.Settings.Tasks["reason"].Model);
    }

    [Fact]
    public async Task OPENAI_BASE_URL_redirects_the_openai_provider_unless_the_config_names_a_base_url()
    {
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test-SECRET123", ["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1" };

        var portfolio = LoadShipped(env, """{ "resilience": { "maxAttempts": 1 } }""");
        var openai = portfolio.Router.ProviderStatuses.Single(p => p.Id == "openai");
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), openai.BaseUri);
        Assert.Contains("base URL from OPENAI_BASE_URL", openai.Reason, StringComparison.Ordinal);
        // The call really goes there (nothing listens on port 9), and the key stays out of the error.
        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.AskAsync("hi", model: "openai:gpt-4.1-nano"));
        Assert.Contains("openai: could not reach openai at 127.0.0.1:9: Connection refused", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(127.0.0.1:9)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET123", ex.ToString(), StringComparison.Ordinal);

        var configured = LoadShipped(env, """{ "providers": { "openai": { "baseUrl": "http://127.0.0.1:8/v1" } } }""");
        Assert.Equal(new Uri("http://127.0.0.1:8/v1"), configured.Router.ProviderStatuses.Single(p => p.Id == "openai").BaseUri);

        env.Remove("OPENAI_BASE_URL");
        Assert.Equal(new Uri("https://api.openai.com/v1"), LoadShipped(env).Router.ProviderStatuses.Single(p => p.Id == "openai").BaseUri);
        env["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:7";
        Assert.Equal(new Uri("http://127.0.0.1:7"), LoadShipped(env).Router.ProviderStatuses.Single(p => p.Id == "anthropic").BaseUri);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://user:hunter2@example.com/v1")]
    public void A_bad_OPENAI_BASE_URL_is_a_usage_error_naming_the_variable_not_its_value(string value)
    {
        var env = new Dictionary<string, string> { ["OPENAI_BASE_URL"] = value };

        var ex = Assert.Throws<CuboidException>(() => LoadShipped(env));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains("OPENAI_BASE_URL is not an http(s) URL", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_explicit_config_is_an_input_error()
    {
        var ex = Assert.Throws<CuboidException>(() => PortfolioSettings.Load(Path.Combine(_dir, "nope.json"), _dir, new MapEnvironment(new Dictionary<string, string>())));

        Assert.Equal(ErrorKind.Input, ex.Kind);
    }

    [Fact]
    public void Config_overrides_provider_urls_and_key_variables_and_adds_custom_endpoints()
    {
        var path = Write("full.json", """
            {
              // comments are allowed
              "providers": { "alpha": { "baseUrl": "http://127.0.0.1:9/v1", "keyEnv": "MY_ALPHA" }, "beta": { "enabled": false } },
              "endpoints": [ { "name": "vllm", "baseUrl": "http://127.0.0.1:8000/v1" } ],
              "tasks": { "caption": { "policy": "cost" } }
            }
            """);
        var harness = new PortfolioHarness();
        harness.Env["MY_ALPHA"] = "alpha-custom-secret";

        var portfolio = harness.Build(settings: PortfolioSettings.Read(path));
        var statuses = portfolio.Router.ProviderStatuses.ToDictionary(p => p.Id);

        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), statuses["alpha"].BaseUri);
        Assert.Equal(("MY_ALPHA", true), (statuses["alpha"].KeyEnv, statuses["alpha"].Configured));
        Assert.Equal((false, "disabled in the config"), (statuses["beta"].Configured, statuses["beta"].Reason));
        Assert.True(statuses["vllm"].Configured);
        Assert.Equal(RoutingPolicy.Cost, portfolio.Plan("caption").Policy);
        Assert.DoesNotContain(statuses.Values, s => s.ToString().Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_custom_endpoint_model_can_be_pinned_without_a_catalog_entry()
    {
        var harness = new PortfolioHarness();
        var settings = PortfolioHarness.FastSettings with { Endpoints = [new CustomEndpointSettings { Name = "vllm", BaseUrl = "http://127.0.0.1:8000/v1" }] };
        var portfolio = harness.Build(settings: settings);

        var response = await portfolio.GetChatClient("chat", new RouteConstraints { PinnedModel = "vllm:my-model" }).GetResponseAsync("hi");

        Assert.Equal("answer from vllm:my-model", response.Text);
        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.False(record.Priced);
        Assert.Null(harness.Endpoints["vllm"].ApiKey);
    }
}
