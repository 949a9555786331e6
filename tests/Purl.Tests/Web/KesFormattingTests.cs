using Purl.Web.Formatting;

namespace Purl.Tests.Web;

public sealed class KesFormattingTests
{
    [Theory]
    [InlineData(1500, "KES 1,500.00")]
    [InlineData(0, "KES 0.00")]
    [InlineData(999.5, "KES 999.50")]
    [InlineData(1234567.891, "KES 1,234,567.89")]
    [InlineData(0.005, "KES 0.01")]
    [InlineData(-200, "-KES 200.00")]
    public void Amounts_read_as_Kenyans_write_them(decimal amount, string expected) =>
        Assert.Equal(expected, Kes.Format(amount));

    [Fact]
    public void Another_currency_keeps_its_own_code() => Assert.Equal("USD 12.50", Kes.Format(12.5m, "USD"));

    [Fact]
    public void The_format_does_not_follow_the_servers_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("KES 1,500.00", Kes.Format(1500m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(0.025, "2.5%")]
    [InlineData(0.1234, "12.34%")]
    [InlineData(null, "—")]
    public void Conversion_is_a_percentage_or_a_dash_without_views(double? rate, string expected) =>
        Assert.Equal(expected, Kes.Percent(rate is null ? null : (decimal)rate));

    [Theory]
    [InlineData(950, "950")]
    [InlineData(15_400, "15.4K")]
    [InlineData(1_240_000, "1.2M")]
    public void Chart_labels_shorten_large_figures(double value, string expected) => Assert.Equal(expected, Kes.Count(value));

    [Fact]
    public void Times_are_shown_in_Nairobi() =>
        Assert.Equal("14 Mar 2026, 18:05", Kes.Time(new DateTimeOffset(2026, 3, 14, 15, 5, 0, TimeSpan.Zero)));
}
