using Cuboid.Compute;
using Cuboid.Spacetime;

namespace Cuboid.Tests.Compute;

public class ComputePlannerTests
{
    private static readonly ModelFamilyCatalog Families = ModelFamilyCatalog.Default;
    private static readonly GpuCatalog Gpus = GpuCatalog.Default;
    private static readonly PlanAssumptions H100 = new(Gpus.Find("h100"));

    // Reference compute.md §4 (and §6 / §9.1 for the image rows): per-clip total in PF at default settings.
    [Theory]
    [InlineData("wan2.1-t2v-14b", 1280, 720, 81, null, 652.1)]
    [InlineData("wan2.1-t2v-14b", 832, 480, 81, null, 167.6)]
    [InlineData("wan2.1-t2v-1.3b", 832, 480, 81, null, 28.3)]
    [InlineData("wan2.2-t2v-a14b", 1280, 720, 81, null, 521.7)]
    [InlineData("wan2.2-t2v-a14b", 832, 480, 81, null, 134.1)]
    [InlineData("wan2.2-ti2v-5b", 1280, 704, 121, null, 51.6)]
    [InlineData("wan2.1-t2v-14b", 1920, 1088, 81, null, 2_822.4)]
    [InlineData("wan2.1-t2v-14b", 3840, 2160, 81, null, 39_579.6)]
    [InlineData("hunyuanvideo", 1280, 720, 129, null, 603.4)]
    [InlineData("hunyuanvideo", 1280, 768, 117, null, 569.9)]
    [InlineData("open-sora-2.0", 768, 768, 129, null, 763.8)]
    [InlineData("cogvideox-5b", 720, 480, 49, null, 33.2)]
    [InlineData("cogvideox-2b", 720, 480, 49, null, 12.0)]
    [InlineData("cogvideox1.5-5b", 1360, 768, 81, null, 147.9)]
    [InlineData("mochi-1", 848, 480, 163, null, 213.7)]
    [InlineData("step-video-t2v", 992, 544, 204, null, 1_067.2)]
    [InlineData("ltx-video-2b", 768, 512, 121, null, 3.49)]
    [InlineData("ltx-video-13b", 1216, 704, 121, null, 39.9)]
    [InlineData("flux.1-dev", 1024, 1024, 1, null, 2.08)]
    [InlineData("flux.1-dev", 1024, 1024, 1, 50, 3.72)]
    [InlineData("flux.1-schnell", 1024, 1024, 1, null, 0.28)]
    [InlineData("sd3-medium", 1024, 1024, 1, null, 0.50)]
    public void Per_clip_flops_are_within_2_percent_of_the_reference(string family, int width, int height, int frames, int? steps, double petaFlops)
    {
        var plan = ComputePlanner.Plan(new DiffusionWorkload(Families.Find(family), width, height, frames) { Steps = steps }, H100);

        Assert.InRange(plan.TotalFlops / 1e15, petaFlops * 0.98, petaFlops * 1.02);
        Assert.Equal(plan.TotalFlops, plan.LinearFlops + plan.AttentionFlops, 6);
    }

    [Theory]
    [InlineData("wan2.1-t2v-14b", 1280, 720, 81, 23.91, 6.521, 71.8)]
    [InlineData("hunyuanvideo", 1280, 720, 129, 13.59, 12.068, 86.6)]
    [InlineData("step-video-t2v", 992, 544, 204, 50.73, 10.672, 63.7)]
    [InlineData("ltx-video-13b", 1216, 704, 121, 22.55, 0.444, 31.7)]
    [InlineData("flux.1-dev", 1024, 1024, 1, 12.91, 0.074, 20.0)]
    public void Forward_cost_matches_the_reference_breakdown(string family, int width, int height, int frames, double gfPerToken, double forwardPf, double attentionPercent)
    {
        var f = Families.Find(family);
        var cost = DitForwardCost.For(f, TokenCounter.Count(f, width, height, frames));

        Assert.InRange(cost.LinearFlopsPerToken / 1e9, gfPerToken * 0.995, gfPerToken * 1.005);
        Assert.InRange(cost.TotalFlops / 1e15, forwardPf * 0.98, forwardPf * 1.02);
        Assert.InRange(cost.SelfAttentionShare * 100, attentionPercent - 0.5, attentionPercent + 0.5);
    }

    // Published single-GPU times (reference §5) at the default MFU, within ±35%.
    [Theory]
    [InlineData("wan2.1-t2v-14b", 1280, 720, 81, 1_838.0)]
    [InlineData("wan2.2-t2v-a14b", 1280, 720, 81, 1_041.5)]
    [InlineData("open-sora-2.0", 768, 768, 129, 1_656.0)]
    [InlineData("cogvideox-5b", 720, 480, 49, 90.0)]
    public void Predicted_h100_times_are_within_35_percent_of_published_ones(string family, int width, int height, int frames, double seconds)
    {
        var plan = ComputePlanner.Plan(new DiffusionWorkload(Families.Find(family), width, height, frames), H100);

        Assert.Equal(PlanAssumptions.DefaultMfu, plan.Assumptions.Mfu);
        Assert.InRange(plan.Seconds, seconds * 0.65, seconds * 1.35);
    }

    [Fact]
    public void Hunyuan_720p_lands_in_the_published_945_to_1904_second_range()
    {
        var plan = ComputePlanner.Plan(DiffusionWorkload.Default(Families.Find("hunyuanvideo")), H100);

        Assert.Equal(118_800, plan.Clip!.VideoTokens);
        Assert.InRange(plan.Seconds, 945 * 0.65, 1_904 * 1.35);
        Assert.InRange(plan.Seconds, 945, 1_904);
    }

    [Fact]
    public void Batch_one_llm_decoding_is_memory_bound_on_every_gpu()
    {
        foreach (var gpu in Gpus.Gpus)
        {
            foreach (var precision in new[] { Precision.Bf16, Precision.Fp8 })
            {
                if (precision == Precision.Fp8 && gpu.DenseFp8Tflops is null)
                {
                    continue;
                }

                var assumptions = new PlanAssumptions(gpu, precision);
                var plan = ComputePlanner.Plan(new LlmWorkload(8.03e9, 0, 200), assumptions);
                Assert.Equal(Boundedness.MemoryBound, plan.Bound);
                // 2 FLOPs per weight per token over the weight's bytes: 1 FLOP/byte in BF16, 2 in FP8.
                var expected = 2 / assumptions.BytesPerParameter;
                Assert.InRange(plan.Intensity, expected * 0.99, expected * 1.01);
            }
        }
    }

    [Fact]
    public void Every_video_dit_is_compute_bound_on_every_gpu()
    {
        foreach (var family in Families.Families.Where(f => f.Kind == FamilyKind.Video))
        {
            foreach (var gpu in Gpus.Gpus)
            {
                var plan = ComputePlanner.Plan(DiffusionWorkload.Default(family), new PlanAssumptions(gpu));
                Assert.True(plan.Bound == Boundedness.ComputeBound, $"{family.Id} on {gpu.Id} is {plan.Bound}");
                Assert.True(plan.Intensity > 10 * plan.Ridge);
            }
        }
    }

    [Fact]
    public void H200_speeds_decoding_by_about_1_43_and_a_video_dit_by_about_1()
    {
        var h200 = new PlanAssumptions(Gpus.Find("h200"));
        var decode = new LlmWorkload(8.03e9, 0, 200);
        var dit = DiffusionWorkload.Default(Families.Find("wan2.1-t2v-14b"));

        var decodeSpeedup = ComputePlanner.Plan(decode, H100).Seconds / ComputePlanner.Plan(decode, h200).Seconds;
        var ditSpeedup = ComputePlanner.Plan(dit, H100).Seconds / ComputePlanner.Plan(dit, h200).Seconds;

        Assert.InRange(decodeSpeedup, 1.41, 1.45);
        Assert.InRange(ditSpeedup, 0.99, 1.01);
    }

    [Fact]
    public void Llama_8b_timings_match_the_reference_at_full_utilisation()
    {
        var full = H100 with { Mfu = 1, Mbu = 1 };

        var prefill = ComputePlanner.Plan(new LlmWorkload(8.03e9, 200, 0), full).Phases.Single();
        var decode = ComputePlanner.Plan(new LlmWorkload(8.03e9, 0, 200), full);

        Assert.Equal(3.21e12, prefill.TotalFlops, 0.01e12);
        Assert.InRange(prefill.ComputeSeconds * 1e3, 3.2, 3.3);
        Assert.InRange(prefill.MemorySeconds * 1e3, 4.7, 4.9);
        Assert.Equal(Boundedness.MemoryBound, prefill.Bound);
        Assert.InRange(decode.Seconds, 0.94, 0.98);
        var rtx = ComputePlanner.Plan(new LlmWorkload(8.03e9, 200, 0), new PlanAssumptions(Gpus.Find("rtx4090"), Mfu: 1, Mbu: 1));
        Assert.Equal(Boundedness.ComputeBound, rtx.Bound);
        Assert.InRange(ComputePlanner.Plan(new LlmWorkload(70.6e9, 0, 200), full).Seconds, 8.2, 8.6);
    }

    [Fact]
    public void The_bound_names_the_roof_that_sets_the_time()
    {
        foreach (var gpu in Gpus.Gpus)
        {
            foreach (var mfu in new[] { 0.2, 0.45, 1.0 })
            {
                foreach (var prompt in new long[] { 1, 50, 150, 200, 300, 1000 })
                {
                    var plan = ComputePlanner.Plan(new LlmWorkload(8.03e9, prompt, 20), new PlanAssumptions(gpu, Mfu: mfu));
                    foreach (var phase in plan.Phases)
                    {
                        var slower = phase.MemorySeconds > phase.ComputeSeconds ? Boundedness.MemoryBound : Boundedness.ComputeBound;
                        Assert.True(slower == phase.Bound, $"{gpu.Id} MFU {mfu} {phase.Name} {prompt}: {phase.Bound}, times {phase.ComputeSeconds} / {phase.MemorySeconds}");
                        Assert.Equal(Math.Max(phase.ComputeSeconds, phase.MemorySeconds), phase.Seconds);
                        Assert.Equal(phase.Intensity < plan.EffectiveRidge ? Boundedness.MemoryBound : Boundedness.ComputeBound, phase.Bound);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_200_token_prefill_on_h100_is_memory_bound_at_peak_but_compute_bound_at_the_assumed_rates()
    {
        // Reference §7.2: at peak rates 3.25 ms of compute against 4.8 ms of memory ("slightly memory-bound").
        // Derated, 200 FLOP/byte is above the effective ridge 295 × 0.45 / 0.8 ≈ 166, so compute (7.2 ms) sets the time.
        var prefill = ComputePlanner.Plan(new LlmWorkload(8e9, 200, 0), H100).Phases.Single();

        Assert.Equal(166, H100.EffectiveRidge, 1.0);
        Assert.Equal(Boundedness.MemoryBound, prefill.BoundAtPeak);
        Assert.Equal(Boundedness.ComputeBound, prefill.Bound);
        Assert.InRange(prefill.Seconds * 1e3, 7.1, 7.3);
        Assert.Equal(prefill.ComputeSeconds, prefill.Seconds);
        Assert.InRange(prefill.MemorySeconds * 1e3, 5.9, 6.0);
    }

    [Fact]
    public void Described_llm_architecture_adds_attention_and_kv_cache_traffic()
    {
        var bare = new LlmWorkload(8.03e9, 4096, 512);
        var described = bare with { Layers = 32, AttentionWidth = 4096, KvWidth = 1024 };

        var plain = ComputePlanner.Plan(bare, H100);
        var full = ComputePlanner.Plan(described, H100);

        Assert.Equal(0, plain.AttentionFlops);
        Assert.True(full.AttentionFlops > 0);
        Assert.True(full.Bytes > plain.Bytes);
        Assert.Equal(plain.LinearFlops, full.LinearFlops);
    }

    [Fact]
    public void Fp8_doubles_the_peak_and_halves_the_weight_bytes()
    {
        var dit = DiffusionWorkload.Default(Families.Find("wan2.1-t2v-14b"));

        var bf16 = ComputePlanner.Plan(dit, H100);
        var fp8 = ComputePlanner.Plan(dit, H100 with { Precision = Precision.Fp8 });

        Assert.InRange(bf16.Seconds / fp8.Seconds, 1.99, 2.01);
        Assert.Equal(bf16.Bytes / 2, fp8.Bytes, 1);
        Assert.Equal(591, fp8.Ridge, 1.0);
    }

    [Fact]
    public void Dollars_are_gpu_hours_times_the_rate()
    {
        var plan = ComputePlanner.Plan(DiffusionWorkload.Default(Families.Find("wan2.1-t2v-14b")), H100 with { UsdPerGpuHour = 2.5 });

        Assert.Equal(plan.Seconds / 3600 * 2.5, plan.Dollars!.Value, 9);
        Assert.Null(ComputePlanner.Plan(DiffusionWorkload.Default(Families.Find("wan2.1-t2v-14b")), H100).Dollars);
    }

    [Fact]
    public void A100_has_no_fp8()
    {
        var error = Assert.Throws<CuboidException>(() =>
            ComputePlanner.Plan(new LlmWorkload(8e9, 200, 0), new PlanAssumptions(Gpus.Find("a100"), Precision.Fp8)));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("no FP8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.8, null)]
    [InlineData(1.5, 0.8, null)]
    [InlineData(0.45, 0.0, null)]
    [InlineData(0.45, 0.8, -1.0)]
    [InlineData(double.NaN, 0.8, null)]
    public void Bad_assumptions_are_usage_errors(double mfu, double mbu, double? usd)
    {
        var error = Assert.Throws<CuboidException>(() =>
            ComputePlanner.Plan(new LlmWorkload(8e9, 200, 0), new PlanAssumptions(Gpus.Find("h100"), Mfu: mfu, Mbu: mbu, UsdPerGpuHour: usd)));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Bad_and_overflowing_workloads_are_usage_errors()
    {
        var wan = Families.Find("wan2.1-t2v-14b");
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new LlmWorkload(0, 200, 0), H100));
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new LlmWorkload(8e9, -1, 0), H100));
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new LlmWorkload(8e9, 200, 0, Batch: 0), H100));
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new LlmWorkload(8e9, long.MaxValue / 2, 0, Batch: 4), H100));
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new LlmWorkload(1e15, long.MaxValue / 4, long.MaxValue / 4), H100));
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new DiffusionWorkload(wan, 1280, 720, 81) { Steps = 0 }, H100));
        Assert.Throws<CuboidException>(() => ComputePlanner.Plan(new DiffusionWorkload(wan, 1280, 720, 81) { Steps = int.MaxValue, PassesPerStep = int.MaxValue }, H100));
        var huge = Assert.Throws<CuboidException>(() =>
            ComputePlanner.Plan(new DiffusionWorkload(wan, TokenCounter.MaxSide, TokenCounter.MaxSide, TokenCounter.MaxSide) { Steps = int.MaxValue }, H100));
        Assert.Equal(ErrorKind.Usage, huge.Kind);
    }
}
