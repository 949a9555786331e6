using Purl.Core.Search;

namespace Purl.Tests.Search;

/// <summary>How typed text becomes search words, price hints, corrections and highlights (no servers).</summary>
public sealed class QueryTextTests
{
    [Theory]
    [InlineData("Shoes", new[] { "shoes" })]
    [InlineData("  Tecno-Spark!!  20 ", new[] { "tecno", "spark", "20" })]
    [InlineData("& | ! : * ' \"", new string[0])]
    [InlineData("viatu vya watoto", new[] { "viatu", "watoto" })]
    [InlineData("the shoes for the kids", new[] { "shoes", "kids" })]
    [InlineData("Café crème", new[] { "cafe", "creme" })]
    [InlineData("shoes shoes SHOES", new[] { "shoes" })]
    [InlineData("a b c x", new string[0])]
    [InlineData("one two three four five six seven eight nine ten", new[] { "one", "two", "three", "four", "five", "six", "seven", "eight" })]
    public void Words_are_lowercase_letters_and_digits_without_filler(string typed, string[] terms)
    {
        Assert.Equal(terms, QueryText.Parse(typed).Terms);
    }

    [Theory]
    [InlineData("cheap shoes", true, null, null)]
    [InlineData("bei nafuu viatu", true, null, null)]
    [InlineData("shoes under 2000", false, null, 2000)]
    [InlineData("shoes below 2,500", false, null, 2500)]
    [InlineData("simu chini ya 10k", false, null, 10000)]
    [InlineData("tv over ksh 20000", false, 20000, null)]
    [InlineData("sofa zaidi ya 15,000 under 40k", false, 15000, 40000)]
    [InlineData("samsung a15", false, null, null)]
    public void Price_words_become_a_sort_or_a_range_and_leave_the_words(string typed, bool cheap, int? min, int? max)
    {
        var text = QueryText.Parse(typed);

        Assert.Equal(cheap, text.Cheap);
        Assert.Equal(min, (int?)text.MinPrice);
        Assert.Equal(max, (int?)text.MaxPrice);
        Assert.DoesNotContain(text.Terms, t => t is "cheap" or "nafuu" or "under" or "chini" or "over" or "ksh" || t.All(char.IsDigit) && t.Length > 3);
    }

    [Fact]
    public void The_same_search_typed_differently_has_one_cache_key()
    {
        var a = ProductSearch.Parse(new(Q: "Kitenge shirt", MaxPrice: "3000", Sort: "relevance")).Value!;
        var b = ProductSearch.Parse(new(Q: "kitenge   SHIRT!!", MaxPrice: "3000.00")).Value!;
        var c = ProductSearch.Parse(new(Q: "kitenge shirt", MaxPrice: "2999")).Value!;

        Assert.Equal(a.CacheKey(), b.CacheKey());
        Assert.NotEqual(a.CacheKey(), c.CacheKey());
    }

    [Theory]
    [InlineData("shooes", new[] { "shoes", "shea", "shirt" }, new[] { "shoes" })]
    [InlineData("snikers", new[] { "sneakers", "snacks", "speakers" }, new[] { "sneakers" })]
    [InlineData("snikers", new[] { "stickers", "sneakers" }, new[] { "stickers", "sneakers" })] // two at the same distance: the more common first
    [InlineData("tecno", new[] { "tecno", "techno" }, new string[0])] // a known word is not corrected
    [InlineData("tvv", new[] { "tv" }, new string[0])]                // three letters: too short to correct
    [InlineData("mbombasa", new[] { "mombasa", "nairobi" }, new[] { "mombasa" })]
    [InlineData("sufria", new[] { "sufuria", "sisal" }, new[] { "sufuria" })]
    [InlineData("gucci", new[] { "gunia", "guava" }, new string[0])]
    public void One_or_two_wrong_letters_are_corrected_to_the_nearest_known_words(string typed, string[] vocabulary, string[] expected)
    {
        Assert.Equal(expected, Typos.Corrections(typed, vocabulary.Select((w, i) => (w, 100 - i))));
    }

    [Fact]
    public void A_word_still_being_typed_is_corrected_by_its_beginning()
    {
        Assert.Equal(["sneakers"], Typos.PrefixCorrections("sneek", [("sneakers", 10), ("snacks", 5)]));
        Assert.Empty(Typos.PrefixCorrections("snea", [("sneakers", 10)]));
    }

    [Theory]
    [InlineData("shoes", "shose", 1)]
    [InlineData("shoes", "shoes", 0)]
    [InlineData("samsung", "samsng", 1)]
    [InlineData("kitenge", "kitengi", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Edit_distance_counts_a_swap_as_one(string a, string b, int distance)
    {
        Assert.Equal(distance, Typos.Distance(a, b));
    }

    [Theory]
    [InlineData("sandals", "Akala tyre sandals", "Akala tyre <em>sandals</em>")]
    [InlineData("sandal", "Maasai beaded SANDALS", "Maasai beaded <em>SANDALS</em>")]
    [InlineData("snikers", "Canvas sneakers", "Canvas <em>sneakers</em>")]
    [InlineData("tec", "Tecno Spark 20", "<em>Tecno</em> Spark 20")]
    [InlineData("kiatu", "Kids school shoes", "Kids school <em>shoes</em>")]
    [InlineData("mat", "Mkeka mat <b>\"A&B\"</b>", "Mkeka <em>mat</em> &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;")]
    [InlineData("crème", "Crème brûlée set", "<em>Crème</em> brûlée set")]
    [InlineData("", "Anything <at> all", "Anything &lt;at&gt; all")]
    public void Highlights_mark_matched_words_and_encode_the_rest(string typed, string name, string html)
    {
        Assert.Equal(html, Highlighter.For(QueryText.Parse(typed)).Highlight(name));
    }

    [Fact]
    public void Swahili_and_english_words_are_synonyms_both_ways()
    {
        Assert.Contains("viatu", Synonyms.Of("kiatu"));
        Assert.Contains("viatu", Synonyms.Of("shoes"));
        Assert.Contains("tv", Synonyms.Of("runinga"));
        Assert.Contains("runinga", Synonyms.Of("tv"));
        Assert.Empty(Synonyms.Of("tecno"));
    }
}
