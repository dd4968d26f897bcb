using Npgsql;
using Polly;
using Polly.Retry;

namespace Cuboid.Server.Store;

/// <summary>
/// Rides out a PostgreSQL server that is briefly away (restarted, failed over): a statement that fails with a transient
/// <see cref="NpgsqlException"/> (the connection refused or cut, the server shutting down) is run again, backing off up
/// to about a minute in all, so a step in flight waits for the database instead of failing its video. Statements are
/// conditional or keyed, so running one again is safe; one that committed just before its connection broke reads as
/// already done the second time.
/// </summary>
public static class PostgresRetry
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(ex => ex.IsTransient),
            MaxRetryAttempts = 30,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(3),
        })
        .Build();

    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Pipeline.Execute(work);
    }
}
