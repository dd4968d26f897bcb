using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cuboid.Server.Store;

/// <summary>
/// Writes one batch of queued holds and settles in the caller's transaction, each kind of statement prepared once and
/// bound per row (a command per row prepared its SQL again every time), and each key's running total read and saved once
/// per batch with the batch's spend added, not once per settle.
/// </summary>
internal sealed class SpendBatchWriter(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<(string KeyId, DateOnly PeriodStart), decimal> _addedToTotals = [];
    private SqliteCommand? _insertHold;
    private SqliteCommand? _deleteHold;
    private SqliteCommand? _insertSpend;
    private SqliteCommand? _insertBooking;

    public void InsertHold(SpendBook.HoldTaken hold)
    {
        var command = _insertHold ??= Prepare("INSERT INTO spend_holds VALUES ($id, $key, $period, $dollars, $at, $expires)", "$id", "$key", "$period", "$dollars", "$at", "$expires");
        Run(command, hold.HoldId, hold.KeyId, GatewayStore.Day(hold.PeriodStart), hold.Dollars.ToString(CultureInfo.InvariantCulture), GatewayStore.Text(hold.At), hold.ExpiresAt.ToUnixTimeMilliseconds());
    }

    public void DeleteHold(string holdId)
    {
        var command = _deleteHold ??= Prepare("DELETE FROM spend_holds WHERE id = $id", "$id");
        Run(command, holdId);
    }

    /// <summary>The settle's spend rows; its dollars go to the key's running total when the batch <see cref="Finish"/>es.</summary>
    public void InsertSpend(SpendBook.Settled settle)
    {
        if (settle.Spend.Count == 0)
        {
            return;
        }

        var command = _insertSpend ??= Prepare("INSERT INTO spend VALUES ($key, $period, $at, $task, $model, $in, $out, $dollars)", "$key", "$period", "$at", "$task", "$model", "$in", "$out", "$dollars");
        var added = 0m;
        foreach (var entry in settle.Spend)
        {
            Run(command, settle.KeyId, GatewayStore.Day(settle.PeriodStart), GatewayStore.Text(entry.At), entry.Task, entry.Model, entry.InputTokens, entry.OutputTokens, entry.Dollars.ToString(CultureInfo.InvariantCulture));
            added += entry.Dollars;
        }

        var period = (settle.KeyId, settle.PeriodStart);
        _addedToTotals[period] = _addedToTotals.GetValueOrDefault(period) + added;
    }

    /// <summary>Records that the settle booked under <paramref name="bookingId"/> is written (<see cref="GatewayStore.SettleOnce"/>).</summary>
    public void InsertBooking(string bookingId, decimal dollars)
    {
        var command = _insertBooking ??= Prepare("INSERT INTO spend_bookings VALUES ($id, $dollars)", "$id", "$dollars");
        Run(command, bookingId, dollars.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Adds the batch's spend to each running total there is (a period without one gets it from its rows when it is loaded).</summary>
    public void Finish(Func<string, DateOnly, decimal?> storedTotal, Action<string, DateOnly, decimal> saveTotal)
    {
        foreach (var ((keyId, periodStart), added) in _addedToTotals)
        {
            if (storedTotal(keyId, periodStart) is { } total)
            {
                saveTotal(keyId, periodStart, total + added);
            }
        }
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insertHold?.Dispose();
        _deleteHold?.Dispose();
        _insertSpend?.Dispose();
        _insertBooking?.Dispose();
    }
}
