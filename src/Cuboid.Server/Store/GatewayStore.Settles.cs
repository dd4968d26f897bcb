using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Cuboid.Server.Store;

/// <summary>
/// Settles off the request's path. <see cref="Settle"/> only queues the released hold and the spend rows; they are written
/// in one transaction by the next hold on this store (inside its own <c>BEGIN IMMEDIATE</c>, so a busy gateway commits once
/// per request instead of twice), or by a flush <see cref="SettleDelay"/> after the first queued settle when no hold comes,
/// or before any read of spend or holds through any instance on the file in this process (<c>SpentIn</c>, <c>HeldIn</c>, <c>SpendSince</c>), and
/// when the store is disposed (the server's shutdown). Until then the call's hold still counts, so a key is never
/// overspent, across processes too; another process may see the key's room a few milliseconds late. The crash window: a
/// process that dies in those milliseconds loses the queued settles; their holds count until they expire (1 h for a call)
/// and the calls' spend is missing from the key's books.
/// </summary>
public sealed partial class GatewayStore
{
    /// <summary>The longest a queued settle waits for a hold to carry it before it is written on its own.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // One queue per database file in the process, so every instance on the file (tests, a second store opened by a
    // tool) writes or reads past the same queued settles; other processes see them once written.
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<PendingSettle>> QueuesByFile = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<PendingSettle> _pending;
    private readonly ITimer _flushTimer;
    private int _flushArmed;
    private volatile bool _disposed;

    /// <summary>Releases a hold (null: none was taken) and books the call's spend rows, in one transaction, a moment later.</summary>
    public void Settle(string? holdId, string keyId, DateOnly periodStart, IReadOnlyList<SpendEntry> spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        _pending.Enqueue(new PendingSettle(holdId, keyId, periodStart, [.. spend]));
        if (_disposed)
        {
            FlushPendingSettles();
            return;
        }

        ArmFlush(SettleDelay);
    }

    /// <summary>Writes every queued settle now (a failure keeps them queued and is tried again a second later).</summary>
    public void FlushPendingSettles()
    {
        Interlocked.Exchange(ref _flushArmed, 0);
        if (_pending.IsEmpty)
        {
            return;
        }

        try
        {
            lock (WriteGate)
            {
                using var connection = Connect();
                using var transaction = connection.BeginTransaction(deferred: false);
                CommitSettles(transaction, WritePendingSettles(connection));
            }
        }
        catch (Exception ex) when (!_disposed && ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Still queued (a failed write puts them back): a locked or full disk gets another try.
            ArmFlush(RetryDelay);
        }
    }

    /// <summary>Writes the queued settles in the caller's write transaction; returns them so a failed commit can queue them again.</summary>
    private List<PendingSettle> WritePendingSettles(SqliteConnection connection)
    {
        var written = new List<PendingSettle>();
        while (_pending.TryDequeue(out var settle))
        {
            written.Add(settle);
        }

        try
        {
            foreach (var settle in written)
            {
                WriteSettle(connection, settle);
            }
        }
        catch
        {
            Requeue(written);
            throw;
        }

        return written;
    }

    private void CommitSettles(SqliteTransaction transaction, List<PendingSettle> settled)
    {
        try
        {
            transaction.Commit();
        }
        catch
        {
            Requeue(settled);
            throw;
        }
    }

    private void Requeue(List<PendingSettle> settles)
    {
        foreach (var settle in settles)
        {
            _pending.Enqueue(settle);
        }

        settles.Clear();
    }

    private static void WriteSettle(SqliteConnection connection, PendingSettle settle)
    {
        if (settle.HoldId is not null)
        {
            Execute(connection, "DELETE FROM spend_holds WHERE id = $id", c => c.Parameters.AddWithValue("$id", settle.HoldId));
        }

        foreach (var entry in settle.Spend)
        {
            Execute(connection, "INSERT INTO spend VALUES ($key, $period, $at, $task, $model, $in, $out, $dollars)", c => BindSpend(c, settle.KeyId, settle.PeriodStart, entry));
        }

        // A period without a running total yet gets one, from its rows, at its next hold.
        if (settle.Spend.Count > 0 && StoredTotal(connection, settle.KeyId, settle.PeriodStart) is { } total)
        {
            SaveTotal(connection, settle.KeyId, settle.PeriodStart, total + settle.Spend.Sum(e => e.Dollars));
        }
    }

    private void ArmFlush(TimeSpan delay)
    {
        if (Interlocked.Exchange(ref _flushArmed, 1) == 0)
        {
            _flushTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes what is still queued (the server's shutdown) and stops the flush timer.</summary>
    public void Dispose()
    {
        _disposed = true;
        _flushTimer.Dispose();
        FlushPendingSettles();
    }

    private sealed record PendingSettle(string? HoldId, string KeyId, DateOnly PeriodStart, IReadOnlyList<SpendEntry> Spend);
}
