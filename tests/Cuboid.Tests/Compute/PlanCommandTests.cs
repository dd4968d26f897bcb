using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Testing.Video;
using Cuboid.Tests.Spacetime;

namespace Cuboid.Tests.Compute;

/// <summary><c>cuboid plan</c> through the real CLI entry point.</summary>
public class PlanCommandTests
{
    [Fact]
    public async Task Video_plan_prints_flops_roofline_time_and_cost()
    {
        var (code, output, error) = await TokensCommandTests.RunAsync(
            "plan", "video", "--model", "wan2.1-t2v-14b", "--size", "1280x720", "--seconds", "5", "--gpu", "h100", "--usd-per-gpu-hour", "2.5");

        Assert.True(code == 0, error);
        Assert.Contains("652.114 PFLOP", output, StringComparison.Ordinal);
        Assert.Contains("compute-bound", output, StringComparison.Ordinal);
        Assert.Contains("Ridge point", output, StringComparison.Ordinal);
        Assert.Contains("$", output, StringComparison.Ordinal);
        Assert.Contains("MFU 0.45", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Four_k_video_plan_json()
    {
        var (code, output, _) = await TokensCommandTests.RunAsync("plan", "video", "--size", "3840x2160", "--frames", "81", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(680_400, json.RootElement.GetProperty("tokens").GetInt64());
        Assert.InRange(json.RootElement.GetProperty("totalFlops").GetDouble(), 39_579.6e15 * 0.98, 39_579.6e15 * 1.02);
        Assert.Equal("computeBound", json.RootElement.GetProperty("bound").GetString());
    }

    [Fact]
    public async Task Llm_plan_shows_prefill_and_decode_phases()
    {
        var (code, output, _) = await TokensCommandTests.RunAsync("plan", "llm", "--params", "8.03B", "--gpu", "h200", "--precision", "fp8");

        Assert.Equal(0, code);
        Assert.Contains("prefill", output, StringComparison.Ordinal);
        Assert.Contains("decode", output, StringComparison.Ordinal);
        Assert.Contains("memory-bound", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Llm_phase_bound_agrees_with_its_time_in_the_table_and_json()
    {
        var (code, output, error) = await TokensCommandTests.RunAsync("plan", "llm", "--params", "8B", "--gpu", "h100");
        var (jsonCode, json, _) = await TokensCommandTests.RunAsync("plan", "llm", "--params", "8B", "--gpu", "h100", "--json");

        Assert.True(code == 0, error);
        Assert.Equal(0, jsonCode);
        var prefillRow = Assert.Single(output.Split('\n'), l => l.Contains("prefill", StringComparison.Ordinal));
        Assert.Contains("compute (memory at peak rates)", prefillRow, StringComparison.Ordinal);
        Assert.Contains("7.19 ms", prefillRow, StringComparison.Ordinal);
        Assert.Contains("5.97 ms", prefillRow, StringComparison.Ordinal);
        Assert.Contains("295 FLOP/byte at peak; 166 at MFU 0.45 and MBU 0.8", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var prefill = doc.RootElement.GetProperty("phases")[0];
        Assert.Equal("computeBound", prefill.GetProperty("bound").GetString());
        Assert.Equal("memoryBound", prefill.GetProperty("boundAtPeak").GetString());
        Assert.Equal(prefill.GetProperty("computeSeconds").GetDouble(), prefill.GetProperty("seconds").GetDouble());
        Assert.Equal(166, doc.RootElement.GetProperty("effectiveRidge").GetDouble(), 1.0);
    }

    [Fact]
    public async Task Ladder_first_row_bound_agrees_with_its_time()
    {
        var (code, output, error) = await TokensCommandTests.RunAsync("plan", "ladder", "--gpu", "h100");

        Assert.True(code == 0, error);
        var first = Assert.Single(output.Split('\n'), l => l.Contains("200-token prompt, Llama-3-8B", StringComparison.Ordinal));
        Assert.Contains("compute (memory at peak rates)", first, StringComparison.Ordinal);
        Assert.Contains("effective ridge 166 FLOP/byte", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_request_shows_its_gpu_hours_and_cost_instead_of_zero()
    {
        string[] args = ["plan", "llm", "--params", "8B", "--output-tokens", "0", "--usd-per-gpu-hour", "2.5"];
        var (code, output, error) = await TokensCommandTests.RunAsync(args);
        var (_, json, _) = await TokensCommandTests.RunAsync([.. args, "--json"]);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(json);
        Assert.InRange(doc.RootElement.GetProperty("gpuHours").GetDouble(), 1.99e-6, 2.0e-6);
        Assert.Matches(@"GPU-hours\s+0\.000002\n", output);
        Assert.Contains("$0.00000499 at $2.50/GPU-hour", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_plan_calls_its_tokens_image_tokens()
    {
        var (code, output, _) = await TokensCommandTests.RunAsync("plan", "image");

        Assert.Equal(0, code);
        Assert.Contains("4,608 (4,096 image + 512 text)", output, StringComparison.Ordinal);
        Assert.Matches(@"FLOPs, attention\s+[0-9.]+ [kMGTPE]?FLOP \(\d+%\)", output);
        Assert.Matches(@"28 steps × 1 pass(?!es)", output);
    }

    [Fact]
    public async Task Image_plan_uses_the_family_defaults()
    {
        var (code, output, _) = await TokensCommandTests.RunAsync("plan", "image", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.InRange(json.RootElement.GetProperty("totalFlops").GetDouble(), 2.04e15, 2.12e15);
    }

    [Fact]
    public async Task Ladder_prints_rungs_assumptions_and_findings()
    {
        var (code, output, _) = await TokensCommandTests.RunAsync("plan", "ladder");

        Assert.Equal(0, code);
        Assert.Contains("Assumptions:", output, StringComparison.Ordinal);
        Assert.Contains("4K has 9.0× the tokens", output, StringComparison.Ordinal);
        Assert.Contains("1024² image", output, StringComparison.Ordinal);
        // Every finding labels all the numbers it lists, and the two 4K/720p FLOP ratios agree.
        Assert.Contains("tokens per pass (prompt : image : 720p : 4K): 1 : ", output, StringComparison.Ordinal);
        Assert.Contains("4K is 61× the 720p clip", output, StringComparison.Ordinal);
        Assert.Contains("61× the FLOPs: attention is 96% of the 4K work", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown GPU 'b300'", "plan", "video", "--gpu", "b300")]
    [InlineData("h100, h100-pcie, h200", "plan", "llm", "--params", "8B", "--gpu", "tpu")]
    [InlineData("unknown model family", "plan", "video", "--model", "sora-9")]
    [InlineData("no FP8", "plan", "llm", "--params", "8B", "--gpu", "a100", "--precision", "fp8")]
    [InlineData("precision 'fp4'", "plan", "video", "--precision", "fp4")]
    [InlineData("MFU 0", "plan", "video", "--mfu", "0")]
    [InlineData("MFU 1.5", "plan", "video", "--mfu", "1.5")]
    [InlineData("parameter count", "plan", "llm", "--params", "-8B")]
    [InlineData("parameter count", "plan", "llm", "--params", "1e30")]
    [InlineData("batch 0", "plan", "llm", "--params", "8B", "--batch", "0")]
    [InlineData("too large", "plan", "llm", "--params", "8B", "--prompt-tokens", "4611686018427387903", "--batch", "4")]
    [InlineData("must not be negative", "plan", "llm", "--params", "8B", "--output-tokens", "-1")]
    [InlineData("steps (0)", "plan", "video", "--steps", "0")]
    [InlineData("not a multiple", "plan", "image", "--size", "1000x1000")]
    [InlineData("price -2", "plan", "image", "--usd-per-gpu-hour", "-2")]
    [InlineData("FLOPs", "plan", "video", "--size", "1048576x1048576", "--frames", "1048576", "--steps", "2147483647")]
    public async Task Bad_option_values_exit_2_with_one_line(string phrase, params string[] args)
    {
        var (code, output, error) = await TokensCommandTests.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(phrase, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_gpus_file_exits_3_and_a_good_one_adds_a_gpu()
    {
        var folder = VideoBuilder.NewFolder();
        var bad = Path.Combine(folder, "bad.json");
        var good = Path.Combine(folder, "good.json");
        await File.WriteAllTextAsync(bad, "{ \"gpus\": [ { \"id\": \"x\", \"denseBf16Tflops\": -1, \"memoryBandwidthTBps\": 1 } ] }");
        await File.WriteAllTextAsync(good, "{ \"gpus\": [ { \"id\": \"b200\", \"name\": \"B200\", \"denseBf16Tflops\": 2250, \"memoryBandwidthTBps\": 8 } ] }");

        var (badCode, _, _) = await TokensCommandTests.RunAsync("plan", "video", "--gpus", bad);
        var (goodCode, output, _) = await TokensCommandTests.RunAsync("plan", "video", "--gpus", good, "--gpu", "b200");

        Assert.Equal(ExitCodes.Input, badCode);
        Assert.Equal(0, goodCode);
        Assert.Contains("B200", output, StringComparison.Ordinal);
    }
}
