using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Purl.Core.Data;

/// <summary>
/// Plain Npgsql commands on a context's connection and current transaction, for the statements that must be one atomic
/// SQL statement (a conditional UPDATE … RETURNING) rather than a read followed by a write.
/// </summary>
public static class RawSql
{
    public static async Task<NpgsqlCommand> CommandAsync(this PurlDbContext db, string sql, CancellationToken ct, params object?[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        return command;
    }

    public static async Task<int> ExecuteAsync(this PurlDbContext db, string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = await db.CommandAsync(sql, ct, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs <paramref name="sql"/> and maps each row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(this PurlDbContext db, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params object?[] parameters)
    {
        await using var command = await db.CommandAsync(sql, ct, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
