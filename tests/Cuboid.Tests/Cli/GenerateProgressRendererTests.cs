using Cuboid.Cli;
using Cuboid.Cli.Rendering;
using Cuboid.Generation;
using Cuboid.Tests.Generation;

namespace Cuboid.Tests.Cli;

/// <summary>
/// The progress of <c>generate</c>: plain state-and-percent lines on stderr wherever Spectre cannot redraw bars (the
/// bars themselves need a real terminal, which a test does not have); driven by a real job through the runner and the simulator.
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
    public async Task A_terminal_console_that_cannot_be_redrawn_still_gets_every_change_as_a_plain_line()
    {
        // A writer is no terminal Spectre can redraw, even when the console says stdout is one.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, Interactive: true) { Width = 120 };

        var job = await GenerateProgressRenderer.RunAsync(console, _harness.Runner, RunJobAsync);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Contains($"cuboid: job {job.Id} openai:{_model} succeeded", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
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
