namespace Cuboid.Portfolio;

/// <summary>
/// A run's dollar budget. Before a call the router reserves its estimated cost, refusing it when spent plus
/// reserved plus the estimate would pass the limit; after the call it settles the actual cost. Thread-safe.
/// </summary>
public sealed class RunBudget
{
    private readonly Lock _gate = new();
    private decimal _spent;
    private decimal _reserved;

    /// <summary>A budget of <paramref name="limit"/> dollars; null has no limit (and only counts).</summary>
    public RunBudget(decimal? limit = null)
    {
        if (limit is < 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.BudgetInvalid, CuboidParameters.Budget, "the budget must be zero or more dollars");
        }

        Limit = limit;
    }

    /// <summary>Dollars the run may spend; null for no limit.</summary>
    public decimal? Limit { get; }

    /// <summary>Dollars settled so far: exactly the sum of the run's ledger.</summary>
    public decimal Spent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    /// <summary>Dollars held back for calls in flight.</summary>
    public decimal Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>What is left to reserve; null for no limit.</summary>
    public decimal? Remaining
    {
        get
        {
            lock (_gate)
            {
                return Limit - _spent - _reserved;
            }
        }
    }

    /// <summary>Holds back the estimated cost of a call, or throws a Budget <see cref="CuboidException"/> if it does not fit.</summary>
    public BudgetReservation Reserve(decimal estimate, string what) =>
        TryReserve(estimate, out var reservation) ? reservation : throw Exceeded(estimate, what);

    /// <summary>Holds back the estimated cost of a call if it fits what is left.</summary>
    public bool TryReserve(decimal estimate, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BudgetReservation? reservation)
    {
        lock (_gate)
        {
            if (Limit is { } limit && _spent + _reserved + estimate > limit)
            {
                reservation = null;
                return false;
            }

            _reserved += estimate;
            reservation = new BudgetReservation(this, estimate);
            return true;
        }
    }

    /// <summary>The error for a call of <paramref name="estimate"/> dollars that does not fit.</summary>
    public CuboidException Exceeded(decimal estimate, string what)
    {
        lock (_gate)
        {
            return new CuboidException(ErrorKind.Budget, CuboidErrorCodes.BudgetExceeded,
                $"budget of {RoutePlanner.Dollars(Limit ?? 0)} would be exceeded: {RoutePlanner.Dollars(_spent)} spent, {RoutePlanner.Dollars(_reserved)} reserved, and {what} needs ~{RoutePlanner.Dollars(estimate)}; raise the budget or choose a cheaper policy");
        }
    }

    internal void Settle(BudgetReservation reservation, decimal actual)
    {
        lock (_gate)
        {
            _reserved -= reservation.Amount;
            _spent += actual;
        }
    }
}
