namespace Cuboid.Cli;

/// <summary>The documented exit codes of the cuboid command (docs/CLI.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Internal = 1;
    public const int Usage = 2;
    public const int Input = 3;
    public const int Provider = 4;
    public const int Budget = 5;
    public const int Cancelled = 130;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Usage => Usage,
        ErrorKind.Input => Input,
        ErrorKind.Provider => Provider,
        ErrorKind.Budget => Budget,
        _ => Internal,
    };
}
