namespace Cuboid.Server.Store;

/// <summary>
/// The budgets of one SQLite gateway file as this process keeps them in memory: per key and period, what was spent and
/// the live holds, loaded from the file at the period's first hold; and the writes (holds taken, settles) the file is
/// still owed, in the order they happened. Every <see cref="GatewayStore"/> instance on the file shares one book, so a
/// key's limit is exact across them; other processes are not seen (several gateways share budgets through PostgreSQL).
/// </summary>
internal sealed class SpendBook
{
    private readonly Dictionary<(string KeyId, DateOnly PeriodStart), KeyPeriod> _periods = [];
    private readonly Lock _owedGate = new();
    private List<SpendWrite> _owed = [];

    /// <summary>Taken around every read or change of the totals and every write owed, so the two stay in one order.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Taken around every write of owed changes to the file, so a period loading from it sees the ones on their way.</summary>
    public Lock FlushGate { get; } = new();

    public bool NothingOwed
    {
        get
        {
            lock (_owedGate)
            {
                return _owed.Count == 0;
            }
        }
    }

    /// <summary>The period's totals if this process has loaded them (under <see cref="Gate"/>).</summary>
    public KeyPeriod? Find(string keyId, DateOnly periodStart) => _periods.GetValueOrDefault((keyId, periodStart));

    /// <summary>Keeps a period's totals read from the file (under <see cref="Gate"/>).</summary>
    public KeyPeriod Add(string keyId, DateOnly periodStart, decimal spent, IEnumerable<KeyValuePair<string, LiveHold>> holds)
    {
        var period = new KeyPeriod(spent, new Dictionary<string, LiveHold>(holds, StringComparer.Ordinal));
        _periods[(keyId, periodStart)] = period;
        return period;
    }

    public void Owe(SpendWrite write)
    {
        lock (_owedGate)
        {
            _owed.Add(write);
        }
    }

    /// <summary>Every owed write, oldest first; the book owes nothing after this until <see cref="Return"/> or new ones.</summary>
    public List<SpendWrite> TakeOwed()
    {
        lock (_owedGate)
        {
            var owed = _owed;
            _owed = [];
            return owed;
        }
    }

    /// <summary>Puts writes that failed back in front of any owed since, so the file still gets them in order.</summary>
    public void Return(List<SpendWrite> writes)
    {
        lock (_owedGate)
        {
            writes.AddRange(_owed);
            _owed = writes;
        }
    }

    /// <summary>A key's period: dollars booked and the holds that still count, by hold id.</summary>
    internal sealed class KeyPeriod(decimal spent, Dictionary<string, LiveHold> holds)
    {
        public decimal Spent { get; set; } = spent;

        public Dictionary<string, LiveHold> Holds { get; } = holds;

        public decimal HeldAt(DateTimeOffset now)
        {
            var held = 0m;
            foreach (var hold in Holds.Values)
            {
                if (hold.ExpiresAt > now)
                {
                    held += hold.Dollars;
                }
            }

            return held;
        }
    }

    internal readonly record struct LiveHold(decimal Dollars, DateTimeOffset ExpiresAt);

    /// <summary>A change the file is owed: a hold taken, or a settle (a hold released and the call's spend booked).</summary>
    internal abstract record SpendWrite(string KeyId, DateOnly PeriodStart);

    internal sealed record HoldTaken(string HoldId, string KeyId, DateOnly PeriodStart, decimal Dollars, DateTimeOffset At, DateTimeOffset ExpiresAt)
        : SpendWrite(KeyId, PeriodStart);

    internal sealed record Settled(string? HoldId, string KeyId, DateOnly PeriodStart, IReadOnlyList<SpendEntry> Spend)
        : SpendWrite(KeyId, PeriodStart);
}
