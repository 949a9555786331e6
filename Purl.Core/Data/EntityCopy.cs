using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Purl.Core.Data;

/// <summary>
/// Bulk-inserts entities with Postgres binary COPY, taking table, columns and value conversions from the EF model,
/// so a bulk load can never drift from the schema. Hundreds of thousands of rows a second, versus a few thousand
/// through SaveChanges.
/// </summary>
public static class EntityCopy
{
    public static async Task<long> CopyAsync<T>(
        NpgsqlConnection connection, IModel model, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return 0;
        var entityType = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var table = entityType.GetTableName()!;
        var columns = entityType.GetProperties()
            .Where(p => !p.IsShadowProperty() && !IsSystemColumn(p) && p.GetComputedColumnSql() is null)
            .Select(p => new Column(p.GetColumnName(), p.GetGetter(), p.GetTypeMapping().Converter, ExplicitType(p)))
            .ToArray();

        var copy = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValue(row);
                if (value is not null && column.Converter is not null)
                    value = column.Converter.ConvertToProvider(value);
                if (value is null)
                    await writer.WriteNullAsync(ct);
                else if (column.DbType is { } dbType)
                    await writer.WriteAsync(value, dbType, ct);
                else
                    await writer.WriteAsync(value, ct);
            }
        }
        return (long)await writer.CompleteAsync(ct);
    }

    /// <summary>xmin is Postgres's own row version: it is read, never written.</summary>
    private static bool IsSystemColumn(IProperty property) => property.GetColumnName() == "xmin";

    /// <summary>Most columns take the type Npgsql infers from the value; jsonb has its own binary format, so it is named.</summary>
    private static NpgsqlDbType? ExplicitType(IProperty property) =>
        property.GetColumnType() == "jsonb" ? NpgsqlDbType.Jsonb : null;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private sealed record Column(string Name, IClrPropertyGetter Getter, ValueConverter? Converter, NpgsqlDbType? DbType);
}
