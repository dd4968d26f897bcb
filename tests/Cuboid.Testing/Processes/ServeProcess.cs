using System.Diagnostics;
using System.Net.Sockets;

namespace Cuboid.Testing.Processes;

/// <summary>
/// A real <c>cuboid serve</c> child process (the CLI built beside the calling assembly: tests, benchmarks) on a free
/// loopback port; its output is kept for failure messages. <see cref="KillHard"/> is <c>kill -9</c>: no shutdown, no
/// cleanup, as when a machine dies. <see cref="CpuTime"/> is what it has used so far, with its finished children (ffmpeg).
/// </summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int Id => _process.Id;

    /// <summary>
    /// CPU time (user + system) of the process and of the children it has waited for (ffmpeg, ffprobe), from
    /// <c>/proc/PID/stat</c>; null once it has exited or off Linux.
    /// </summary>
    public TimeSpan? CpuTime => ProcessCpu.Of(_process.Id);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServeProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cuboid.Cli.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var serve = new ServeProcess(process, url);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Waits until the process answers <c>/health/live</c>.</summary>
    public async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"cuboid serve exited ({_process.ExitCode}): {Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health/live"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"cuboid serve did not start: {Output}");
    }

    /// <summary>SIGKILL: the process ends at once, mid-step.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
