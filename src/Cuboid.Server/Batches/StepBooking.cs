using Cuboid.Portfolio;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;

namespace Cuboid.Server.Batches;

/// <summary>
/// Books what a step cost on its step row and on its key, exactly once each, whichever moment a process dies in. When
/// the batch store's PostgreSQL database is also the gateway store's: one transaction keyed by the step (a retried
/// write whose commit went through finds both done; one that rolled back does both). With the SQLite gateway store
/// (its batch store SQLite or PostgreSQL): the key first, settled once under the step's id and written before the step
/// row, so a step run again after a death between the two finds its key booked and gives its row the same dollars.
/// </summary>
public sealed class StepBooking(IBatchStore store, IGatewayStore gateway)
{
    /// <summary>The id a step's spend is booked under on its key: one per video and step.</summary>
    public static string BookingId(string itemId, string step) => $"step:{itemId}:{step}";

    /// <summary>
    /// Books the step once and settles <paramref name="call"/> with <paramref name="records"/>; true only the first time.
    /// The step row gets <paramref name="dollars"/>, or what the key was booked for the step by a run that died before
    /// its row was written (a run again pays only for answers the first did not get, so it may cost less).
    /// </summary>
    public bool Book(string itemId, string step, decimal dollars, KeyedCall call, IReadOnlyList<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (store is PostgresBatchStore { HoldsKeySpend: true } shared)
        {
            return shared.CompleteStep(itemId, step, dollars, call.TakeSettle(records));
        }

        // BatchStorage gives a PostgreSQL gateway store the batch store in its own database (the branch above), so
        // the gateway store here is the SQLite one.
        if (gateway is not GatewayStore sqlite)
        {
            throw new InvalidOperationException($"A {gateway.GetType().Name} books steps only with the batch store in its database.");
        }

        if (store.Steps(itemId).GetValueOrDefault(step))
        {
            return false; // Booked by an earlier run, row and key.
        }

        if (call.TakeSettle(records) is { } settle)
        {
            dollars = sqlite.SettleOnce(BookingId(itemId, step), settle);
        }

        return store.CompleteStep(itemId, step, dollars);
    }
}
