namespace Cuboid.Server.Store;

/// <summary>
/// One gateway process per SQLite store folder. Budgets on SQLite are decided in memory (<see cref="SpendBook"/>), so a
/// second <c>cuboid serve</c> on the same folder would keep books of its own and the two could together overspend a key.
/// The lock is the operating system's (an exclusive open), so a process that dies, even by kill -9, releases it at once.
/// Tools that only read or edit keys (<c>cuboid keys</c>) do not take it.
/// </summary>
internal static class SqliteServeLock
{
    public const string FileName = "serve.lock";

    public static FileStream Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw CuboidException.Usage(
                $"another cuboid serve is already using the store at {folder}; several gateways must share a PostgreSQL store (--store postgres://...)");
        }
    }
}
