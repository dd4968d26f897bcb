using System.Data.Common;

namespace Cuboid.Server.Store;

/// <summary>The one query loop of the server's stores, SQLite or PostgreSQL: every row of a command, mapped.</summary>
internal static class DbRows
{
    public static List<T> Read<TReader, T>(DbCommand command, Func<TReader, T> map)
        where TReader : DbDataReader
    {
        using var reader = (TReader)command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
