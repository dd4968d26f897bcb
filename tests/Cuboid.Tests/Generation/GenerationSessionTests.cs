using Cuboid.Generation;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation;

/// <summary>Routing, fallback before start, budgets and the ledger of video generation, against the simulator.</summary>
public sealed class GenerationSessionTests(VideoSimulatorFixture fixture) : IClassFixture<VideoSimulatorFixture>, IDisposable
{
    private static readonly HttpClient Http = new();
    // The runner sleeps on the session clock between polls, so these tests run on the real one; ratings are dated from today.
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-gen-" + Guid.NewGuid().ToString("N"));
    private readonly string _key = "CUBOID_TEST_VIDEO_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private VideoHostSimulator Sim => fixture.Sim;

    private string Model(string suffix) => $"sim/{_key}-{suffix}";

    private GenerationSession Session(decimal? budget = null, bool withKey = true, DateOnly? observed = null, Cuboid.Generation.Catalog.VideoCatalog? catalog = null) => new(
        catalog ?? TestVideoCatalog.For(Sim, _key, observed ?? Today),
        SqliteVideoJobStore.Open(_folder),
        new MapEnvironment(withKey ? new Dictionary<string, string> { [_key] = Sim.ApiKey } : []),
        Http,
        new RunScope(new RunOptions { Budget = budget }),
        runnerOptions: JobHarness.FastPolling);

    private static GenerateRequest Request(string? first = null, string? last = null, int seconds = 2, RoutingPolicy policy = RoutingPolicy.Quality, string? model = null) =>
        new() { Prompt = "a lighthouse at dusk", Seconds = seconds, Resolution = "90p", AspectRatio = "16:9", FirstFramePath = first, LastFramePath = last, Policy = policy, Model = model };

    [Fact]
    public void Quality_picks_the_best_model_then_its_cheapest_host_and_shows_what_it_skipped()
    {
        var plan = Session().Plan(Request(seconds: 3));

        Assert.Equal(["replicate", "fal"], plan.Candidates.Where(c => c.Model.Id == "test:alpha").Select(c => c.Route.Host));
        Assert.Equal("test:alpha", plan.First!.Model.Id);
        Assert.Equal(0.24m, plan.First.EstimatedCost);
        Assert.Contains(plan.Skipped, s => s.Model == "test:beta" && s.Reason.StartsWith("no 3 s clip", StringComparison.Ordinal));
    }

    [Fact]
    public void Cost_picks_the_cheapest_model_and_a_last_frame_skips_routes_without_one()
    {
        Assert.Equal("test:beta", Session().Plan(Request(policy: RoutingPolicy.Cost)).First!.Model.Id);

        var plan = Session().Plan(Request(first: "first.png", last: "last.png"));

        Assert.DoesNotContain(plan.Candidates, c => c.Model.Id == "test:beta");
        Assert.Contains(plan.Candidates, c => c.Model.Id == "test:gamma");
    }

    [Fact]
    public void Ratings_decay_with_the_30_day_half_life_like_every_other_task()
    {
        // Seen 60 days ago (two half-lives), alpha keeps a quarter of its 75-point lead over the prior, the field's 25th
        // percentile (1125 between beta's 1100 and its own 1200): 1143.75, never more than the 1200 measured.
        var stale = Session(observed: Today.AddDays(-60)).Plan(Request());
        var standing = stale.First!;
        // (A little less: the age counts from midnight of the observation day to now.)
        Assert.InRange(standing.EffectiveRating, 1143.0, 1143.75);
    }

    [Fact]
    public async Task A_refused_create_falls_over_to_the_next_host_before_any_job_starts_and_the_ledger_books_both()
    {
        Sim.Script(Model("alpha-rep"), VideoFault.ServerError(502));
        var session = Session();

        var outcome = await session.GenerateAsync(Request());

        Assert.Equal(VideoJobState.Succeeded, outcome.Job.State);
        Assert.Equal("fal", outcome.Job.Host);
        Assert.Equal("replicate", Assert.Single(outcome.RefusedBeforeStart).Host);
        Assert.Equal(1, Sim.CreateCount(Model("alpha-rep")));
        Assert.Equal(1, Sim.CreateCount(Model("alpha-fal")));
        Assert.Equal([CallOutcome.Failed, CallOutcome.Succeeded], session.Ledger.Records.Select(r => r.Outcome));
        Assert.Equal(0.20m, session.Ledger.Total().Dollars);
        Assert.Equal(0.20m, session.Budget.Spent);
        Assert.Equal(0m, session.Budget.Reserved);
    }

    [Fact]
    public async Task A_recorded_job_refused_at_its_route_by_a_caller_that_stopped_before_moving_it_goes_on_to_the_next_route_once()
    {
        Sim.Script(Model("alpha-rep"), VideoFault.ServerError(502));
        var session = Session();
        var recorded = session.Record(Request());
        StopOnceAtTheRefusal(session, recorded.Id, afterRefusals: 1);

        await Assert.ThrowsAsync<CallerStopped>(() => session.SubmitRecordedAsync(recorded.Id, Request(), CancellationToken.None));
        var stopped = session.Runner.Require(recorded.Id);
        var resumed = await session.SubmitRecordedAsync(recorded.Id, Request(), CancellationToken.None);
        var again = await session.SubmitRecordedAsync(recorded.Id, Request(), CancellationToken.None);

        Assert.Equal((VideoJobState.Failed, Model("alpha-rep")), (stopped.State, stopped.HostModel));
        Assert.NotNull(resumed);
        Assert.True(resumed.Accepted);
        Assert.Equal((recorded.Id, Model("alpha-fal")), (resumed.Job.Id, resumed.Job.HostModel));
        Assert.Equal(["replicate"], resumed.Job.Refusals.Select(r => r.Host));
        Assert.Null(again);
        Assert.Equal(1, Sim.CreateCount(Model("alpha-rep")));
        Assert.Equal(1, Sim.CreateCount(Model("alpha-fal")));
        Assert.Equal(0, Sim.CreateCount(Model("beta-or")));
    }

    [Fact]
    public async Task A_resumed_fallback_still_skips_a_host_that_refused_the_key_earlier_and_ends_failed_when_no_route_is_left()
    {
        // t2v in quality order: alpha on replicate, alpha on fal, then beta, here on replicate too.
        var catalog = TestVideoCatalog.For(Sim, _key, Today);
        catalog = catalog with
        {
            Models = [.. catalog.Models.Select(m => m.Id != "test:beta" ? m : m with { Routes = [m.Routes[0] with { Host = "replicate", Model = Model("beta-rep") }] })],
        };
        Sim.Script(Model("alpha-rep"), VideoFault.ServerError(401));
        Sim.Script(Model("alpha-fal"), VideoFault.ServerError(503));
        var session = Session(catalog: catalog);
        var recorded = session.Record(Request());
        StopOnceAtTheRefusal(session, recorded.Id, afterRefusals: 2);

        await Assert.ThrowsAsync<CallerStopped>(() => session.SubmitRecordedAsync(recorded.Id, Request(), CancellationToken.None));
        var resumed = await session.SubmitRecordedAsync(recorded.Id, Request(), CancellationToken.None);
        var ended = session.Runner.Require(recorded.Id);

        Assert.Equal([Model("alpha-rep"), Model("alpha-fal"), Model("beta-rep")], session.Plan(Request()).Candidates.Select(c => c.Route.Model));
        Assert.Null(resumed);
        Assert.Equal((VideoJobState.Failed, Model("alpha-fal")), (ended.State, ended.HostModel));
        Assert.Equal([ProviderFailureKind.Unauthorized, ProviderFailureKind.ServerError], ended.Refusals.Select(r => r.Kind));
        Assert.Equal(1, Sim.CreateCount(Model("alpha-rep")));
        Assert.Equal(1, Sim.CreateCount(Model("alpha-fal")));
        Assert.Equal(0, Sim.CreateCount(Model("beta-rep")));
    }

    [Fact]
    public async Task A_recorded_job_that_ended_failed_is_not_sent_again()
    {
        foreach (var route in new[] { "alpha-rep", "alpha-fal", "beta-or" })
        {
            Sim.Script(Model(route), VideoFault.ServerError(503));
        }

        var session = Session();
        var everyRouteRefused = session.Record(Request());
        var lastRefusal = await session.SubmitRecordedAsync(everyRouteRefused.Id, Request(), CancellationToken.None);
        var again = await session.SubmitRecordedAsync(everyRouteRefused.Id, Request(), CancellationToken.None);
        // Failed for another reason than a refusal (the create never reached a host that lists its jobs): no refusal at its route.
        var notListed = session.Record(Request(policy: RoutingPolicy.Cost));
        Assert.NotNull(session.Runner.Store.TrySave(notListed with { State = VideoJobState.Failed, RawState = "not-listed", CreateAttempts = 1 }));
        var notListedAgain = await session.SubmitRecordedAsync(notListed.Id, Request(policy: RoutingPolicy.Cost), CancellationToken.None);

        Assert.Equal((VideoJobState.Failed, Model("beta-or")), (lastRefusal!.Job.State, lastRefusal.Job.HostModel));
        Assert.Equal(3, lastRefusal.Job.Refusals.Count);
        Assert.Null(again);
        Assert.Null(notListedAgain);
        Assert.Equal(VideoJobState.Failed, session.Runner.Require(notListed.Id).State);
        Assert.All(new[] { "alpha-rep", "alpha-fal", "beta-or" }, route => Assert.Equal(1, Sim.CreateCount(Model(route))));
    }

    [Fact]
    public async Task A_job_that_failed_after_starting_is_never_duplicated_on_another_host()
    {
        Sim.Script(Model("alpha-rep"), VideoFault.FailAfterRunning);
        var session = Session();

        var outcome = await session.GenerateAsync(Request());

        Assert.Equal(VideoJobState.Failed, outcome.Job.State);
        Assert.Equal(0, Sim.CreateCount(Model("alpha-fal")));
        Assert.Equal(0m, session.Budget.Spent);
        Assert.Single(session.Ledger.Records);
    }

    [Fact]
    public async Task A_job_over_the_budget_is_refused_before_any_create()
    {
        var session = Session(budget: 0.05m);

        var error = await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(model: "test:alpha")));

        Assert.Equal(ErrorKind.Budget, error.Kind);
        Assert.Equal(0, Sim.CreateCount(Model("alpha-rep")));
    }

    [Fact]
    public async Task The_budget_is_settled_from_the_delivered_seconds_and_resolution()
    {
        Sim.Script(Model("alpha-rep"), VideoFault.LowerResolution);
        var session = Session(budget: 1m);

        var outcome = await session.GenerateAsync(Request() with { Resolution = "180p" });

        Assert.Equal((160, 90), (outcome.Job.Outputs[0].Width, outcome.Job.Outputs[0].Height));
        Assert.NotEmpty(outcome.Job.Warnings);
        Assert.Equal(outcome.Job.ActualCost, session.Budget.Spent);
        Assert.Equal(0.16m, outcome.Job.ActualCost);
    }

    [Fact]
    public async Task Bad_input_is_one_clear_error_of_the_documented_kind()
    {
        var session = Session();
        var notImage = Path.Combine(Path.GetTempPath(), $"not-an-image-{Guid.NewGuid():N}.png");
        await File.WriteAllTextAsync(notImage, "hello");

        Assert.Equal(ErrorKind.Usage, (await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(seconds: -3)))).Kind);
        Assert.Equal(ErrorKind.Usage, (await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(model: "test:nope")))).Kind);
        Assert.Equal(ErrorKind.Input, (await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(first: notImage)))).Kind);
        Assert.Equal(ErrorKind.Usage, (await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(model: "test:beta") with { Resolution = "1080p" }))).Kind);
        var noKey = await Assert.ThrowsAsync<CuboidException>(() => Session(withKey: false).GenerateAsync(Request(model: "test:beta")));
        Assert.Equal(ErrorKind.Provider, noKey.Kind);
        Assert.Contains(_key, noKey.Message, StringComparison.Ordinal);
        Assert.Equal(0, Sim.CreateCount(Model("beta-or")));
        File.Delete(notImage);
    }

    [Fact]
    public void The_dry_run_compute_of_an_open_weights_family_is_tokens_flops_and_H100_seconds()
    {
        var compute = GenerationCompute.Estimate("wan2.1-t2v-14b", new VideoSize(1280, 720), 5)!;

        // 5 s at 16 fps = 81 frames; 1280x720x81 on Wan2.1-14B is the planner's 75,600 tokens.
        Assert.Equal(75_600, compute.Tokens);
        Assert.True(compute.Flops > 1e15);
        Assert.True(compute.H100Seconds > 100);
        Assert.Null(GenerationCompute.Estimate("not-a-family", new VideoSize(1280, 720), 5));
    }

    // The caller sending a recorded job's create stops (its process dies) right after the given refusal is saved.
    private static void StopOnceAtTheRefusal(GenerationSession session, string id, int afterRefusals)
    {
        var stopped = 0;
        session.Runner.Changed += saved =>
        {
            if (saved.Id == id && saved.State == VideoJobState.Failed && saved.Refusals.Count == afterRefusals && Interlocked.Exchange(ref stopped, 1) == 0)
            {
                throw new CallerStopped();
            }
        };
    }

    private sealed class CallerStopped() : Exception("the process stopped");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
