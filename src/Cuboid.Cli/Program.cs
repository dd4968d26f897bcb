using Cuboid.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CuboidApp.RunAsync(args, CliConsole.System, cancellation.Token);
