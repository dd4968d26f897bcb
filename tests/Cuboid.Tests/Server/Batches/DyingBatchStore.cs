using System.Reflection;
using Cuboid.Server.Batches;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// A batch store whose process "dies" at its first <see cref="IBatchStore.CompleteStep"/>: the call throws, before the
/// step row is written or just after. Every other call goes to the real store.
/// </summary>
public class DyingBatchStore : DispatchProxy
{
    private IBatchStore _inner = null!;
    private bool _afterWrite;
    private int _died;

    public static IBatchStore Wrap(IBatchStore inner, bool afterWrite)
    {
        var store = Create<IBatchStore, DyingBatchStore>();
        var dying = (DyingBatchStore)(object)store;
        dying._inner = inner;
        dying._afterWrite = afterWrite;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name != nameof(IBatchStore.CompleteStep) || Interlocked.Exchange(ref _died, 1) != 0)
        {
            return Invoke(targetMethod, args, _inner);
        }

        if (_afterWrite)
        {
            Invoke(targetMethod, args, _inner);
        }

        throw new IOException("the process died");
    }

    private static object? Invoke(MethodInfo method, object?[]? args, IBatchStore inner)
    {
        try
        {
            return method.Invoke(inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
