using System.Net;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Portfolio.Providers;

public sealed class ProviderFailuresTests
{
    private static readonly ProviderEndpoint Endpoint = new("groq", "openai", new Uri("https://api.groq.com/openai/v1"), "gsk_secret123456");

    [Theory]
    [InlineData("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.")] // OpenAI, vLLM
    [InlineData("prompt is too long: 210000 tokens > 200000 maximum")] // Anthropic
    [InlineData("Please reduce the length of the messages or completion.")] // Groq
    [InlineData("The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).")] // Gemini
    [InlineData("the request exceeds the available context size, try increasing it")] // llama.cpp
    [InlineData("the input length exceeds the context length")] // Ollama
    [InlineData("This endpoint's maximum context length is 32768 tokens.")] // OpenRouter
    public void Recognises_each_providers_context_length_message(string message)
    {
        var failure = ProviderFailures.FromStatus(Endpoint, 400, message, null);
        Assert.Equal(ProviderFailureKind.ContextLengthExceeded, failure.Kind);
    }

    [Theory]
    [InlineData(400, ProviderFailureKind.BadRequest)]
    [InlineData(402, ProviderFailureKind.Unauthorized)]
    [InlineData(404, ProviderFailureKind.BadRequest)]
    [InlineData(408, ProviderFailureKind.Timeout)]
    [InlineData(413, ProviderFailureKind.BadRequest)]
    [InlineData(422, ProviderFailureKind.BadRequest)]
    [InlineData(504, ProviderFailureKind.ServerError)]
    [InlineData(529, ProviderFailureKind.ServerError)]
    public void Classifies_statuses(int status, ProviderFailureKind kind)
    {
        var failure = ProviderFailures.FromStatus(Endpoint, status, "model `x` does not exist", null);
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
        Assert.Contains("model `x` does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_retry_after_in_seconds_milliseconds_and_dates_never_negative()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "12");
        Assert.Equal(TimeSpan.FromSeconds(12), ProviderFailures.RetryAfter(seconds.Headers, time));

        using var millis = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        millis.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
        millis.Headers.TryAddWithoutValidation("Retry-After", "2");
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ProviderFailures.RetryAfter(millis.Headers, time));

        using var past = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        past.Headers.TryAddWithoutValidation("Retry-After", "Wed, 25 Nov 2026 02:59:00 GMT");
        Assert.Equal(TimeSpan.Zero, ProviderFailures.RetryAfter(past.Headers, time));

        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.Null(ProviderFailures.RetryAfter(none.Headers, time));
    }

    [Fact]
    public void Redacts_the_key_and_drops_an_inner_exception_that_holds_it()
    {
        var inner = new HttpRequestException("GET https://host/?key=gsk_secret123456 failed");
        var failure = ProviderFailures.Create(Endpoint, ProviderFailureKind.ConnectionFailed, "could not reach groq with gsk_secret123456", inner: inner);
        Assert.Equal("could not reach groq with [redacted]", failure.Message);
        Assert.Null(failure.InnerException);

        var clean = ProviderFailures.Create(Endpoint, ProviderFailureKind.ConnectionFailed, "refused", inner: new HttpRequestException("Connection refused"));
        Assert.NotNull(clean.InnerException);
    }

    [Fact]
    public void Leaves_the_callers_cancellation_alone_and_maps_other_cancellations_to_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Null(ProviderFailures.Map(new OperationCanceledException(cancelled.Token), Endpoint, cancelled.Token));
        Assert.Equal(ProviderFailureKind.Timeout, ProviderFailures.Map(new TaskCanceledException(), Endpoint, CancellationToken.None)?.Kind);
        Assert.Null(ProviderFailures.Map(new InvalidOperationException("a bug"), Endpoint, CancellationToken.None));
    }
}
