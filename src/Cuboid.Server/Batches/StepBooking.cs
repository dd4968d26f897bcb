using Cuboid.Portfolio;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;

namespace Cuboid.Server.Batches;

/// <summary>
/// Books what a step cost on its step row and on its key, as one unit where the stores allow it: when the batch store's
/// PostgreSQL database is also the gateway store's, one transaction keyed by the step (a retried write whose commit
/// went through finds both done; one that rolled back does both). Otherwise (SQLite files, or a gateway store
/// elsewhere) the step row first, then the key, written to its file before this returns rather than in the SQLite
/// store's next batch: a process that dies between the two writes leaves that step's spend off the key.
/// </summary>
public sealed class StepBooking(IBatchStore store, IGatewayStore gateway)
{
    /// <summary>Books the step once with <paramref name="dollars"/> and settles <paramref name="call"/> with <paramref name="records"/>; true only the first time.</summary>
    public bool Book(string itemId, string step, decimal dollars, KeyedCall call, IReadOnlyList<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (store is PostgresBatchStore { HoldsKeySpend: true } shared)
        {
            return shared.CompleteStep(itemId, step, dollars, call.TakeSettle(records));
        }

        if (!store.CompleteStep(itemId, step, dollars))
        {
            return false; // Booked by an earlier run.
        }

        if (call.TakeSettle(records) is { } settle)
        {
            gateway.Settle(settle.HoldId, settle.KeyId, settle.PeriodStart, settle.Spend);
            // A step is seconds of work, so one write of its own costs nothing; waiting for the SQLite store's batch
            // (and its retries while another process holds the file) widened the window a kill loses it in.
            (gateway as GatewayStore)?.FlushPendingSettles();
        }

        return true;
    }
}
