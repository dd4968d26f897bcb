using System.CommandLine;
using Cuboid.Compute;
using Cuboid.Spacetime;

namespace Cuboid.Cli.Commands;

/// <summary>The options every <c>cuboid plan</c> subcommand takes (GPU, precision, utilisation, price, data files, --json).
/// System.CommandLine options belong to one command, so each subcommand gets its own set.</summary>
internal sealed class PlanSharedOptions
{
    public Option<string> Gpu { get; } = new("--gpu", "-g")
    {
        Description = "GPU id: h100, h100-pcie, h200, h20, a100, rtx4090, or one from --gpus FILE",
        DefaultValueFactory = _ => "h100",
    };

    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "Weights and matmuls in bf16 or fp8 (dense peaks)",
        DefaultValueFactory = _ => "bf16",
    };

    public Option<double> Mfu { get; } = new("--mfu")
    {
        Description = "Fraction of the dense peak FLOPs run at (compute time = FLOPs / (peak × MFU))",
        DefaultValueFactory = _ => PlanAssumptions.DefaultMfu,
    };

    public Option<double> Mbu { get; } = new("--mbu")
    {
        Description = "Fraction of memory bandwidth bytes move at (memory time = bytes / (bandwidth × MBU))",
        DefaultValueFactory = _ => PlanAssumptions.DefaultMbu,
    };

    public Option<double?> UsdPerGpuHour { get; } = new("--usd-per-gpu-hour")
    {
        Description = "Price of one GPU-hour in US dollars, to show the cost",
    };

    public Option<FileInfo?> Gpus { get; } = new("--gpus") { Description = "JSON file of extra or replacement GPUs ({\"gpus\": [...]})" };

    public Option<FileInfo?> Families { get; } = new("--families") { Description = "JSON file of extra or replacement model families ({\"families\": [...]})" };

    public Option<bool> Json { get; } = new("--json") { Description = "Write JSON instead of tables" };

    public void AddTo(Command command)
    {
        command.Options.Add(Gpu);
        command.Options.Add(Precision);
        command.Options.Add(Mfu);
        command.Options.Add(Mbu);
        command.Options.Add(UsdPerGpuHour);
        command.Options.Add(Gpus);
        command.Options.Add(Families);
        command.Options.Add(Json);
    }

    public PlanAssumptions Assumptions(ParseResult parse)
    {
        var gpu = GpuCatalog.Load(parse.GetValue(Gpus)?.FullName).Find(parse.GetValue(Gpu)!);
        var precision = PlanAssumptions.ParsePrecision(parse.GetValue(Precision));
        var assumptions = new PlanAssumptions(gpu, precision, parse.GetValue(Mfu), parse.GetValue(Mbu), parse.GetValue(UsdPerGpuHour));
        assumptions.Validate();
        return assumptions;
    }

    public ModelFamilyCatalog FamilyCatalog(ParseResult parse) => ModelFamilyCatalog.Load(parse.GetValue(Families)?.FullName);
}
