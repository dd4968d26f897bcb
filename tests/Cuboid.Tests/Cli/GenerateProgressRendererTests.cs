using Cuboid.Cli;
using Cuboid.Cli.Rendering;
using Cuboid.Generation;
using Cuboid.Tests.Generation;

namespace Cuboid.Tests.Cli;

/// <summary>
/// The progress of <c>generate</c>: one bar per job on a terminal (Spectre, on stdout, nothing on stderr), plain
/// state-and-percent lines on stderr otherwise; driven by a real job through the runner and the simulator.
/// </summary>
public sealed class GenerateProgressRendererTests(VideoSimulatorFixture fixture) : IClassFixture<VideoSimulatorFixture>, IDisposable
{
    private readonly JobHarness _harness = new(fixture.Sim);
    private readonly string _model = $"sim/progress-{Guid.NewGuid():N}";

    public void Dispose() => _harness.Dispose();

    private Task<Cuboid.Generation.Jobs.VideoJob> RunJobAsync()
    {
        fixture.Sim.PollsToFinish = 3;
        return _harness.Runner.SubmitAsync(JobHarness.Submission("openai", _model))
            .ContinueWith(s => _harness.Runner.WaitAsync(s.Result.Job.Id), TaskScheduler.Default).Unwrap();
    }

    [Fact]
    public async Task On_a_terminal_each_job_is_one_bar_with_its_state_and_nothing_goes_to_stderr()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, Interactive: true) { Width = 120 };

        var job = await GenerateProgressRenderer.RunAsync(console, _harness.Runner, RunJobAsync);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Contains(job.Id, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("succeeded", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("100%", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task Without_a_terminal_each_change_is_one_plain_line_on_stderr_and_stdout_stays_clean()
    {
        var console = CliConsole.Capture(out var output, out var error);

        var job = await GenerateProgressRenderer.RunAsync(console, _harness.Runner, RunJobAsync);

        var lines = error.ToString().Trim().Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"cuboid: job {job.Id} openai:{_model} running", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal));
        Assert.EndsWith("s)", lines[^1].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(" succeeded (", StringComparison.Ordinal));
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(string.Empty, output.ToString());
    }
}
