using System.ClientModel;
using System.Net;
using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

public sealed class StageFailureTests
{
    public static TheoryData<Exception, string> ClientFailures() => new()
    {
        { new HttpRequestException("Response status code does not indicate success: 500.", null, HttpStatusCode.InternalServerError), "the synthesis stage failed (HTTP 500)" },
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)"), "the synthesis stage failed (connection failed: ConnectionError)" },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing."), "the synthesis stage failed (the call timed out)" },
        { new InvalidOperationException("first line\n   at Somewhere.Deep() in /src/x.cs:line 1"), "the synthesis stage failed (InvalidOperationException: first line)" },
    };

    [Theory]
    [MemberData(nameof(ClientFailures))]
    public void Anything_a_client_throws_stops_the_stage_with_one_line(Exception error, string message)
    {
        var stop = StageFailure.Stop(error, "synthesis", CancellationToken.None);

        Assert.Equal((ErrorKind.Provider, message), (stop?.Kind, stop?.Message));
        Assert.Same(error, stop?.InnerException);
    }

    [Fact]
    public void A_client_result_exception_without_a_response_gives_its_first_line()
    {
        var stop = StageFailure.Stop(new ClientResultException("Service request failed.\nStatus: 503 (Service Unavailable)", response: null), "caption", CancellationToken.None);

        Assert.Equal("the caption stage failed (ClientResultException: Service request failed.)", stop?.Message);
        Assert.DoesNotContain('\n', stop!.Message);
    }

    [Fact]
    public void The_budget_and_routed_provider_failures_stop_as_they_are_and_user_errors_and_the_callers_cancellation_propagate()
    {
        var budget = new CuboidException(ErrorKind.Budget, "the budget is spent");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Same(budget, StageFailure.Stop(budget, "caption", CancellationToken.None));
        Assert.Null(StageFailure.Stop(CuboidException.Usage("bad option"), "caption", CancellationToken.None));
        Assert.Null(StageFailure.Stop(new TaskCanceledException(), "caption", cancelled.Token));
    }
}
