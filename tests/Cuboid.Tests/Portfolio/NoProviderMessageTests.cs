using Cuboid.Portfolio;

namespace Cuboid.Tests.Portfolio;

/// <summary>What a call says when no configured provider serves its task: one short line naming the variables that would add one.</summary>
public sealed class NoProviderMessageTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("cuboid-no-provider-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private RunScope Load(Dictionary<string, string> env)
    {
        env["HOME"] = _home;
        return ModelRouter.Load(new PortfolioLoadOptions { WorkingDirectory = _home, Environment = new MapEnvironment(env) }).BeginRun();
    }

    [Fact]
    public async Task Ask_without_any_key_names_every_variable_that_would_enable_chat_once_in_one_short_line()
    {
        var portfolio = Load([]);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.AskAsync("hello"));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Equal(
            "no provider is configured for task 'chat'; set one of OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY, GROQ_API_KEY or OLLAMA_HOST",
            ex.Message);
        Assert.True(ex.Message.Length < 200, ex.Message);
    }

    [Fact]
    public void Variables_to_enable_a_task_are_empty_once_a_provider_for_it_is_configured()
    {
        Assert.Equal(["OPENAI_API_KEY", "GEMINI_API_KEY", "GROQ_API_KEY"], Load([]).Router.VariablesToEnable(ModelTasks.Transcribe));
        Assert.Empty(Load(new() { ["GROQ_API_KEY"] = "k" }).Router.VariablesToEnable(ModelTasks.Transcribe));
        Assert.Contains("OPENAI_API_KEY", Load(new() { ["OLLAMA_HOST"] = "localhost:11434" }).Router.VariablesToEnable(ModelTasks.Transcribe));
    }

    [Fact]
    public async Task A_pinned_model_on_an_unconfigured_provider_names_its_variable()
    {
        var portfolio = Load(new() { ["OPENAI_API_KEY"] = "k" });

        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.AskAsync("hello", model: "anthropic:claude-haiku-4-5"));

        Assert.Contains("ANTHROPIC_API_KEY", ex.Message, StringComparison.Ordinal);
    }
}
