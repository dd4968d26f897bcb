using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Cuboid.Media;

/// <summary>
/// One running ffmpeg or ffprobe process. Arguments are passed as a list (no shell quoting, so paths
/// with spaces and non-ASCII characters are safe). Standard output is exposed as a stream for piping
/// raw frames or JSON; standard error is drained in the background and only its last lines are kept,
/// so a chatty ffmpeg never blocks and memory stays bounded.
/// </summary>
internal sealed class MediaProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 64;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Task _stderrPump;
    private readonly Action<string>? _onStderrLine;

    private MediaProcess(Process process, Action<string>? onStderrLine)
    {
        _process = process;
        _onStderrLine = onStderrLine;
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>The tool's standard output (binary).</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>The tool's standard input (binary), when started with <c>redirectInput</c>.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>Starts <paramref name="executable"/>; a missing executable is a clear <see cref="CuboidException"/>.</summary>
    /// <param name="onStderrLine">Sees every stderr line as it arrives (for progress or warnings); may be null.</param>
    public static MediaProcess Start(string executable, IEnumerable<string> arguments, bool redirectInput = false, Action<string>? onStderrLine = null) =>
        new(StartProcess(executable, arguments, redirectInput), onStderrLine);

    /// <summary>Starts a media tool with redirected output and error; a missing executable is a clear <see cref="CuboidException"/>.</summary>
    internal static Process StartProcess(string executable, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        }
        catch (Win32Exception ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.ToolMissing, $"{Path.GetFileName(executable)} was not found; {MediaTools.InstallHint}", ex);
        }
    }

    /// <summary>Runs a tool to the end, collecting stdout as text (for small outputs such as ffprobe JSON).</summary>
    public static async Task<MediaRun> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var process = Start(executable, arguments);
        await using var processDisposal = process.ConfigureAwait(false);
        using var reader = new StreamReader(process.StandardOutput, Encoding.UTF8);
        string output;
        try
        {
            output = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new MediaRun(exitCode, output, process.StderrTail);
    }

    /// <summary>Waits for exit and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }

        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>The last lines ffmpeg wrote to stderr, oldest first.</summary>
    public IReadOnlyList<string> StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return [.. _stderrTail];
            }
        }
    }

    /// <summary>The most telling stderr line (the last non-empty one), for error messages.</summary>
    public string LastError => StderrTail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "no details";

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _stderrPump.ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The pipe closes when the process is killed.
        }

        _process.Dispose();
    }

    private async Task PumpStderrAsync()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            _onStderrLine?.Invoke(line);
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > StderrLinesKept)
                {
                    _stderrTail.Dequeue();
                }
            }
        }
    }
}
