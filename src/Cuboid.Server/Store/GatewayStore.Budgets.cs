using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cuboid.Server.Store;

/// <summary>
/// Holds and settles in memory, written to the file in batches off the request's path. A key's period is read from the
/// file once (its spend total and live holds, at its first hold in this process); from then on <see cref="TryHold"/> and
/// <see cref="Settle"/> decide and book in the process's <see cref="SpendBook"/> under one lock, exact across threads and
/// across every instance on the file in this process, and queue the change. The queued changes are written in one
/// transaction <see cref="WriteDelay"/> after the first of them, before any read of spend or holds through any instance
/// on the file in this process (<c>SpentIn</c>, <c>HeldIn</c>, <c>SpendSince</c>) and when the store is disposed (the
/// server's shutdown). The crash window: a process that dies loses the changes of its last <see cref="WriteDelay"/>:
/// those calls' holds and spend are missing from the file. Several processes on one SQLite file no longer share budgets
/// exactly (each keeps its own book): they share them through PostgreSQL, whose holds stay in the database.
/// </summary>
public sealed partial class GatewayStore
{
    /// <summary>The longest a hold or settle waits in memory before it is written to the file: the crash window.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // One book per database file in the process, so every instance on the file (tests, a second store opened by a tool)
    // decides against the same totals and writes or reads past the same queued changes.
    private static readonly ConcurrentDictionary<string, SpendBook> BooksByFile = new(StringComparer.Ordinal);

    private readonly SpendBook _book;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _flushArmed;
    private volatile bool _disposed;

    public SpendHoldResult TryHold(string keyId, DateOnly periodStart, decimal budget, decimal dollars, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        SpendHoldResult result;
        lock (_book.Gate)
        {
            var period = _book.Find(keyId, periodStart) ?? Load(keyId, periodStart, now);
            var remaining = Math.Max(0m, budget - period.Spent - period.HeldAt(now));
            if (dollars > remaining)
            {
                return new SpendHoldResult(null, remaining);
            }

            var id = "hold_" + Guid.CreateVersion7(now).ToString("N");
            period.Holds[id] = new SpendBook.LiveHold(dollars, expiresAt);
            _book.Owe(new SpendBook.HoldTaken(id, keyId, periodStart, dollars, now, expiresAt));
            result = new SpendHoldResult(id, remaining);
        }

        WriteSoon();
        return result;
    }

    /// <summary>Releases a hold (null: none was taken) and books the call's spend rows: in memory now, in the file in one transaction a moment later.</summary>
    public void Settle(string? holdId, string keyId, DateOnly periodStart, IReadOnlyList<SpendEntry> spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        lock (_book.Gate)
        {
            // The load of a period not loaded yet writes the queue first, so it reads this settle from the file.
            Release(keyId, periodStart, holdId, spend.Sum(e => e.Dollars));
            _book.Owe(new SpendBook.Settled(holdId, keyId, periodStart, [.. spend]));
        }

        WriteSoon();
    }

    /// <summary>
    /// Settles <paramref name="settle"/> once under <paramref name="bookingId"/>, written to the file before this returns,
    /// and returns the dollars booked under that id: this settle's, or those of an earlier settle under the same id (a
    /// step run again after its process died between booking the key and its step row). The rows, the release of the
    /// hold, the running total and the booking's id are one transaction.
    /// </summary>
    public decimal SettleOnce(string bookingId, SpendSettle settle)
    {
        ArgumentException.ThrowIfNullOrEmpty(bookingId);
        ArgumentNullException.ThrowIfNull(settle);
        var dollars = settle.Spend.Sum(e => e.Dollars);
        // The book's lock first, as a hold's load takes it: a period loaded meanwhile would count these rows twice.
        lock (_book.Gate)
        {
            var earlier = WithOwedWritten(connection =>
            {
                if (Read(connection, "SELECT dollars FROM spend_bookings WHERE id = $id", c => c.Parameters.AddWithValue("$id", bookingId),
                    reader => decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture)) is [var booked])
                {
                    return (decimal?)booked;
                }

                using var batch = new SpendBatchWriter(connection);
                if (settle.HoldId is not null)
                {
                    batch.DeleteHold(settle.HoldId);
                }

                batch.InsertSpend(new SpendBook.Settled(settle.HoldId, settle.KeyId, settle.PeriodStart, [.. settle.Spend]));
                batch.InsertBooking(bookingId, dollars);
                batch.Finish((key, period) => StoredTotal(connection, key, period), (key, period, total) => SaveTotal(connection, key, period, total));
                return null;
            });
            if (earlier is { } booked)
            {
                return booked;
            }

            Release(settle.KeyId, settle.PeriodStart, settle.HoldId, dollars);
            return dollars;
        }
    }

    /// <summary>A settle in the book (under its lock): the hold released, the dollars spent. A period not loaded yet reads it from the file when it loads.</summary>
    private void Release(string keyId, DateOnly periodStart, string? holdId, decimal dollars)
    {
        if (_book.Find(keyId, periodStart) is { } period)
        {
            if (holdId is not null)
            {
                period.Holds.Remove(holdId);
            }

            period.Spent += dollars;
        }
    }

    /// <summary>
    /// Writes every queued hold and settle now (a failure keeps them queued and is tried again a second later); with
    /// nothing queued, waits for a write in flight, so a read after this sees every change made before it.
    /// </summary>
    public void FlushPendingSettles()
    {
        Interlocked.Exchange(ref _flushArmed, 0);
        if (_book.NothingOwed)
        {
            // The writer may hold the queue in a transaction not committed yet: its end releases the gate.
            _book.FlushGate.Enter();
            _book.FlushGate.Exit();
            return;
        }

        TryWriteOwed();
    }

    /// <summary>Writes every queued change; false when the file refused them (they stay queued).</summary>
    private bool TryWriteOwed()
    {
        try
        {
            WithOwedWritten(static _ => 0);
            return true;
        }
        catch (Exception ex) when (!_disposed && ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Still queued (a failed write puts them back): a locked or full disk gets another try from the writer.
            return false;
        }
    }

    /// <summary>
    /// The background writer: woken by the first change after a write, it waits <see cref="WriteDelay"/> so the changes
    /// of that moment go in one transaction, then writes them (again every <see cref="RetryDelay"/> while the file refuses).
    /// A wake-up is a completed task, not a timer: re-arming a timer on every request took the timer queue's lock on the
    /// request's path, which a loaded machine made cost more than the hold itself.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        while (!_disposed)
        {
            await Volatile.Read(ref _wake).Task.ConfigureAwait(false);
            Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (_disposed)
            {
                return;
            }

            await Task.Delay(WriteDelay).ConfigureAwait(false);
            Interlocked.Exchange(ref _flushArmed, 0);
            while (!_book.NothingOwed && !TryWriteOwed() && !_disposed)
            {
                await Task.Delay(RetryDelay).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Reads a key's period from the file into the book (under its lock), after writing what is queued so the file is
    /// complete: the running total (added up from the rows once for spend booked before schema 6) and the live holds,
    /// which include those of a process that died before settling them.
    /// </summary>
    private SpendBook.KeyPeriod Load(string keyId, DateOnly periodStart, DateTimeOffset now)
    {
        var (spent, holds) = WithOwedWritten(connection => (TotalIn(connection, keyId, periodStart),
            Read(connection, "SELECT id, dollars, expires_ms FROM spend_holds WHERE key_id = $key AND period_start = $period AND expires_ms > $now", c =>
            {
                c.Parameters.AddWithValue("$key", keyId);
                c.Parameters.AddWithValue("$period", Day(periodStart));
                c.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            }, reader => KeyValuePair.Create(reader.GetString(0),
                new SpendBook.LiveHold(decimal.Parse(reader.GetString(1), CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))))));
        return _book.Add(keyId, periodStart, spent, holds);
    }

    /// <summary>
    /// Writes every queued change, then runs <paramref name="read"/>, in one write transaction (<c>BEGIN IMMEDIATE</c>: the
    /// file's write lock is taken first, as a read may save a running total); a failure queues the changes again, in order.
    /// </summary>
    private T WithOwedWritten<T>(Func<SqliteConnection, T> read)
    {
        lock (_book.FlushGate)
        lock (WriteGate)
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction(deferred: false);
            var owed = WriteOwed(connection);
            try
            {
                var result = read(connection);
                transaction.Commit();
                return result;
            }
            catch
            {
                _book.Return(owed);
                throw;
            }
        }
    }

    /// <summary>Writes the queued changes in the caller's write transaction and returns them, to queue again (in order) if it fails.</summary>
    private List<SpendBook.SpendWrite> WriteOwed(SqliteConnection connection)
    {
        var owed = _book.TakeOwed();
        try
        {
            // A hold settled before it was written needs neither its row nor the row's delete.
            var settledHolds = owed.OfType<SpendBook.Settled>().Select(s => s.HoldId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var takenHolds = new HashSet<string>(StringComparer.Ordinal);
            using var batch = new SpendBatchWriter(connection);
            foreach (var write in owed)
            {
                switch (write)
                {
                    case SpendBook.HoldTaken hold when !settledHolds.Contains(hold.HoldId):
                        batch.InsertHold(hold);
                        break;
                    case SpendBook.HoldTaken hold:
                        takenHolds.Add(hold.HoldId);
                        break;
                    case SpendBook.Settled settle:
                        if (settle.HoldId is not null && !takenHolds.Contains(settle.HoldId))
                        {
                            batch.DeleteHold(settle.HoldId);
                        }

                        batch.InsertSpend(settle);
                        break;
                }
            }

            batch.Finish((key, period) => StoredTotal(connection, key, period), (key, period, total) => SaveTotal(connection, key, period, total));
        }
        catch
        {
            _book.Return(owed);
            throw;
        }

        return owed;
    }

    private void WriteSoon()
    {
        if (_disposed)
        {
            FlushPendingSettles();
            return;
        }

        // Only the first change since the last write wakes the writer; the rest ride along.
        if (Interlocked.Exchange(ref _flushArmed, 1) == 0)
        {
            Volatile.Read(ref _wake).TrySetResult();
        }
    }

    /// <summary>Writes what is still queued (the server's shutdown) and stops the writer.</summary>
    public void Dispose()
    {
        _disposed = true;
        Volatile.Read(ref _wake).TrySetResult();
        FlushPendingSettles();
    }
}
