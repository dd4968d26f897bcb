using System.Text;

namespace Cuboid.Benchmarks.Server;

/// <summary>One way of reaching the upstream's chat completions: directly, or through a gateway with its model name and headers.</summary>
internal sealed record OverheadTarget(string Name, Uri Endpoint, string Model, IReadOnlyDictionary<string, string> Headers) : IDisposable
{
    // One connection kept alive per target, as a real client's pool would: the handshake is not what is measured.
    public HttpClient Client { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false });

    public List<double>[] Milliseconds { get; } = [[], []];

    /// <summary>Per mode, why this target could not serve it (it failed during the warm-up), or null.</summary>
    public string?[] Failure { get; } = [null, null];

    /// <summary>
    /// One chat completion, plain or streamed (with usage), read to its end; an <see cref="InvalidOperationException"/>
    /// when it is not the upstream's complete answer.
    /// </summary>
    public async Task CompleteAsync(bool streamed)
    {
        var body = streamed
            ? $$$"""{"model":"{{{Model}}}","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50,"stream":true,"stream_options":{"include_usage":true}}"""
            : $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("upstream", StringComparison.Ordinal) || (streamed && !text.Contains("[DONE]", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{Name} ({(streamed ? "streamed" : "plain")}) answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }
    }

    public void Dispose() => Client.Dispose();
}
