using System.Buffers.Binary;
using Npgsql;
using NpgsqlTypes;

namespace Purl.Core.Search.Postgres;

/// <summary>A lexeme of a product's document and how much it weighs there (<see cref="IndexedProduct.Score"/>).</summary>
public readonly record struct WeightedLexeme(string Lexeme, float Score);

/// <summary>
/// What filters, facets and sorts read of a product, kept in one array by slot: a search without words reads it for every
/// product, and walking a packed array is many times faster than following a reference to each product.
/// </summary>
public readonly record struct ProductFacts(
    Guid CategoryId, Guid VendorId, double Price, int PriceBand, bool InStock, bool VendorVerified, double Rating,
    double Popularity, double Latitude, double Longitude, long CreatedTicks, UInt128 Order)
{
    /// <summary>The facts of <paramref name="p"/>; its id becomes <see cref="Order"/>, as Postgres orders uuids (byte by byte), the last tie-break of every sort.</summary>
    public static ProductFacts Of(IndexedProduct p) => new(
        p.CategoryId, p.VendorId, (double)p.Price, PriceBands.IndexOf(p.Price), p.InStock, p.VendorVerified, p.Rating,
        p.Popularity, p.Latitude ?? double.NaN, p.Longitude ?? double.NaN, p.CreatedAt.Ticks,
        BinaryPrimitives.ReadUInt128BigEndian(p.Id.ToByteArray(bigEndian: true)));

    public bool HasLocation => !double.IsNaN(Latitude) && !double.IsNaN(Longitude);
}

/// <summary>One row of <c>search_products</c> as the in-memory copy holds it: what filters, sorts and hits need.</summary>
public sealed record IndexedProduct(
    Guid Id, Guid VendorId, string VendorName, bool VendorVerified, Guid CategoryId, string Name, string? Image,
    decimal Price, string Currency, bool InStock, double Rating, double Popularity, double? Latitude, double? Longitude,
    DateTime CreatedAt, WeightedLexeme[] Lexemes)
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = """
        product_id, vendor_id, vendor_name, vendor_verified, category_id, name, image, price, currency, in_stock, rating,
        popularity, latitude, longitude, created_at, document
        """;

    /// <summary>What a field's words weigh: the name (A) ten times the description (D).</summary>
    private static readonly float[] WeightOf = [0.1f, 0.2f, 0.4f, 1.0f]; // D, C, B, A

    /// <summary>
    /// A lexeme's score in one document: its occurrences' field weights, highest first, each divided by the square of its
    /// place, so a word in the name counts fully and each further mention adds less (1 + 1/4 + 1/9 …).
    /// </summary>
    public static float Score(NpgsqlTsVector.Lexeme lexeme)
    {
        if (lexeme.Count == 0) return WeightOf[0];
        Span<float> weights = stackalloc float[lexeme.Count];
        for (var i = 0; i < lexeme.Count; i++) weights[i] = WeightOf[(int)lexeme[i].Weight];
        weights.Sort((a, b) => b.CompareTo(a));
        var score = 0f;
        for (var i = 0; i < weights.Length; i++) score += weights[i] / ((i + 1) * (i + 1));
        return score;
    }

    /// <param name="intern">Shares the strings many products repeat (lexemes, store names, currencies).</param>
    public static IndexedProduct Read(NpgsqlDataReader reader, Func<string, string> intern)
    {
        var document = reader.GetFieldValue<NpgsqlTsVector>(15);
        var lexemes = new WeightedLexeme[document.Count];
        for (var i = 0; i < lexemes.Length; i++) lexemes[i] = new WeightedLexeme(intern(document[i].Text), Score(document[i]));
        return new IndexedProduct(
            reader.GetGuid(0), reader.GetGuid(1), intern(reader.GetString(2)), reader.GetBoolean(3), reader.GetGuid(4),
            reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetDecimal(7),
            intern(reader.GetString(8).Trim()), reader.GetBoolean(9), reader.GetDouble(10), reader.GetDouble(11),
            reader.IsDBNull(12) ? null : reader.GetDouble(12), reader.IsDBNull(13) ? null : reader.GetDouble(13),
            reader.GetDateTime(14), lexemes);
    }
}
