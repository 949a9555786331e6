using Purl.Core.Catalog;

namespace Purl.Tests.Search;

/// <summary>
/// What a Kenyan buyer types, and what must come back first (or in the first few), against <see cref="SearchCatalogue"/>:
/// typos, plurals, brands, English and Swahili, price words, places and store names. Shared by the Postgres run and the
/// run against a real Elasticsearch.
/// </summary>
public static class RelevanceSet
{
    /// <param name="Holds">Given the catalogue keys of the hits in order, whether the expectation holds.</param>
    public sealed record Case(string Query, string Expected, Func<IReadOnlyList<string>, bool> Holds)
    {
        public override string ToString() => $"\"{Query}\" → {Expected}";
    }

    public static readonly Case[] All =
    [
        // Typos
        First("shooes", "S1", "S4", "S7"),
        First("snikers", "S2"),
        First("sneekers", "S2"),
        First("samsng galaxy", "P5", "P6"),
        First("infinx hot", "P3"),
        First("tecno spak", "P1"),
        InTop("techno", 3, "P1"),
        First("hunny", "G5"),
        First("sufria", "H2"),
        First("ankra dress", "F1"),
        // Plurals and stems
        First("shoes", "S1", "S4", "S7"),
        First("shoe", "S1", "S4", "S7"),
        InTop("sandals", 2, "S3", "S8"),
        InTop("sandal", 2, "S3"),
        First("sneaker", "S2"),
        First("boots", "S6"),
        First("braid", "B4"),
        // Brands and models
        InTop("tecno", 3, "P1", "P2"),
        First("tecno spark", "P1"),
        InTop("infinix", 2, "P3", "P4"),
        InTop("samsung", 4, "P5", "P6"),
        First("samsung galaxy a15", "P5"),
        First("iphone", "P9"),
        First("nike", "S7"),
        First("jbl", "E3"),
        First("nokia", "P8"),
        // Things, in English
        First("running shoes", "S7"),
        First("kids shoes", "S4"),
        First("school shoes", "S4"),
        First("power bank", "P10"),
        First("tv", "E2"),
        First("television", "E2"),
        First("speaker", "E3"),
        First("earbuds", "E4"),
        First("solar lamp", "E1"),
        First("dress", "F1"),
        First("mosquito net", "H4"),
        First("basket", "H5"),
        First("rice", "G1"),
        First("maize flour", "G2"),
        First("coffee", "G3"),
        First("honey", "G5"),
        First("shea butter", "B1"),
        First("coconut oil", "B3"),
        First("necklace", "C1"),
        First("football jersey", "K1"),
        First("toy matatu", "K3"),
        AllIn("smartphone", 5, BaseCategories.Phones),
        // Things, in Swahili
        AllIn("viatu", 5, BaseCategories.Shoes),
        AllIn("kiatu", 3, BaseCategories.Shoes),
        First("viatu vya watoto", "S4"),
        AllIn("simu", 5, BaseCategories.Phones),
        First("runinga", "E2"),
        First("taa ya solar", "E1"),
        First("rinda", "F1"),
        First("shati", "F2"),
        First("kanga", "F7"),
        First("chandarua", "H4"),
        First("kikapu", "H5"),
        First("mchele", "G1"),
        First("unga", "G2"),
        First("kahawa", "G3"),
        InTop("chai", 2, "G4"),
        First("asali", "G5"),
        First("samaki", "G6"),
        First("sabuni", "B2"),
        InTop("nywele", 2, "B3", "B4"),
        First("shanga", "C1"),
        First("mpira", "K2"),
        First("kitabu", "K4"),
        First("kabambe", "P8"),
        // Local words that are English to nobody
        First("mitumba jacket", "F3"),
        First("shuka", "F4"),
        First("kitenge", "F2"),
        First("jiko", "H1"),
        First("sufuria", "H2"),
        First("omena", "G6"),
        First("kisii soapstone", "C2"),
        First("tinga tinga", "C3"),
        // Price words
        First("cheap shoes", "S3"),
        First("cheap smartphone", "P7"),
        First("bei nafuu viatu", "S3"),
        First("cheap", "G2"),
        First("samsung under 25000", "P5", "P11"),
        First("shoes below 2000", "S4", "S3", "S2"),
        Never("samsung under 25000", "P6", "E2"),
        // Places and stores
        First("shoes mombasa", "S7"),
        InTop("sandals nairobi", 2, "S3", "S8"),
        AllFrom("phones kisumu", 3, "V4"),
        First("bata", "S4", "S6"),
        First("gikomba", "S3", "F3"),
        First("pwani dress", "F1"),
        // Typed with symbols
        First("tecno-spark!!", "P1"),
        First("\"kids\" & shoes", "S4"),
    ];

    private static Case First(string query, params string[] anyOf) =>
        new(query, $"first is {string.Join(" or ", anyOf)}", hits => hits.Count > 0 && anyOf.Contains(hits[0]));

    private static Case InTop(string query, int n, params string[] all) =>
        new(query, $"{string.Join(" and ", all)} in the first {n}", hits => all.All(k => hits.Take(n).Contains(k)));

    private static Case AllIn(string query, int n, Category category) =>
        new(query, $"the first {n} are all {category.Slug}",
            hits => hits.Count >= n && hits.Take(n).All(k => SearchCatalogue.ItemOf(k).Category.Id == category.Id));

    private static Case AllFrom(string query, int n, string store) =>
        new(query, $"the first {n} are all from {store}",
            hits => hits.Count >= n && hits.Take(n).All(k => SearchCatalogue.ItemOf(k).Store == store));

    private static Case Never(string query, params string[] keys) =>
        new(query, $"never {string.Join(" or ", keys)}", hits => !hits.Any(keys.Contains));
}
