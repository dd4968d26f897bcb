namespace Cuboid.Server.Store;

/// <summary>
/// What settling one call writes on its key: the hold it releases (null: none) and the spend rows it books in the key's
/// period. <see cref="IGatewayStore.Settle"/> writes it alone; a PostgreSQL batch store writes it in the transaction that
/// books the step it belongs to (<see cref="Batches.StepBooking"/>).
/// </summary>
public sealed record SpendSettle(string? HoldId, string KeyId, DateOnly PeriodStart, IReadOnlyList<SpendEntry> Spend);
